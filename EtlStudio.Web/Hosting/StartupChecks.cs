using EtlStudio.Data;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Hosting;

/// <summary>Runs the start-up steps and the host, turning configuration and database problems into one log line
/// and a non-zero exit code instead of a stack trace.</summary>
internal static partial class StartupChecks
{
    public static async Task<int> RunCheckedAsync(this WebApplication app, Func<IServiceProvider, Task> startupSteps)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EtlStudio.Web.Startup");
        try
        {
            // ValidateOnStart would run inside RunAsync, where the host first logs the failure with a stack trace.
            app.Services.GetService<IStartupValidator>()?.Validate();
            await startupSteps(app.Services);
            await app.RunAsync();
            return 0;
        }
        catch (DatabaseStartupException ex)
        {
            LogStartupFailed(logger, ex.Message);
        }
        catch (OptionsValidationException ex)
        {
            LogStartupFailed(logger, string.Join(" ", ex.Failures));
        }
        catch (IOException ex) when (ex.Message.StartsWith("Failed to bind", StringComparison.Ordinal))
        {
            // Kestrel: the port is taken. The message names the address; the stack trace adds nothing.
            LogStartupFailed(logger, ex.Message);
        }
        return 1;
    }

    [LoggerMessage(1, LogLevel.Error, "EtlStudio cannot start: {Reason}")]
    private static partial void LogStartupFailed(ILogger logger, string reason);
}

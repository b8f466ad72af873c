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
            // The database step reads its own options and words their failures (provider, key to fix); other
            // options are validated next, because inside RunAsync the host would first log them with a stack trace.
            await startupSteps(app.Services);
            ValidateOptions(app.Services);
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
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // The configuration binder: the message names the key and the value.
            LogStartupFailed(logger, ex.Message);
        }
        catch (IOException ex) when (ex.Message.StartsWith("Failed to bind", StringComparison.Ordinal))
        {
            // Kestrel: the port is taken. The host has logged it already; this line says why we exit.
            LogStartupFailed(logger, ex.Message);
        }
        return 1;
    }

    private static void ValidateOptions(IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();

    [LoggerMessage(1, LogLevel.Error, "EtlStudio cannot start: {Reason}")]
    private static partial void LogStartupFailed(ILogger logger, string reason);
}

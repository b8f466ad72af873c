using EtlStudio.Data;
using EtlStudio.Kafka.Tests;
using EtlStudio.Web.Hosting;
using EtlStudio.Web.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EtlStudio.CrashChild;

/// <summary>Arguments <c>runtime &lt;PostgreSQL connection string&gt; &lt;content root&gt;</c>: one more app instance
/// (<c>AddEtlStudioData</c> + <c>AddRuntime</c>, as the web app hosts them) on a shared PostgreSQL configuration database
/// and Hangfire storage, with the Runtime tests' short heartbeats and polls, until the process is killed. It prints its
/// executor name on standard output once started.</summary>
internal static class RuntimeInstance
{
    public static async Task<int> RunAsync(string database, string root)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root, EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = database,
            ["Hangfire:SchedulePollingSeconds"] = "1",
            ["Hangfire:QueuePollSeconds"] = "0.2",
            ["Hangfire:WorkerCount"] = "4",
            ["Runtime:HeartbeatSeconds"] = "1",
            ["Runtime:AbandonAfterSeconds"] = "120",
            ["Runtime:CancelPollMilliseconds"] = "200",
            ["Runtime:RetryDelaySeconds"] = "0.1",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.AddEtlStudioData();
        builder.AddRuntime();
        builder.Services.AddSingleton<ISecretProtector, PassThroughSecrets>();
        using var host = builder.Build();
        await host.Services.InitializeEtlStudioDatabaseAsync();
        await host.StartAsync();
        Console.WriteLine(host.Services.GetRequiredService<EtlStudio.Web.Runs.ExecutorIdentity>().Name);
        await host.WaitForShutdownAsync();
        return 0;
    }
}

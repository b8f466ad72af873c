using EtlStudio.Data;
using EtlStudio.Kafka.Tests;
using EtlStudio.Web.Flows;
using EtlStudio.Web.Security;
using EtlStudio.Web.Triggers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EtlStudio.CrashChild;

/// <summary>Arguments <c>kafka &lt;configuration database file&gt;</c>: hosts the Kafka triggers of that SQLite
/// configuration database as the Kafka tests' <c>TriggerHost</c> does (<c>AddEtlStudioData</c> +
/// <c>AddKafkaTriggers</c>), each batch run by the engine into the trigger's stored flow, until the process is killed.
/// Warnings and errors go to standard error.</summary>
internal static class KafkaTriggers
{
    public static async Task<int> RunAsync(string database)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Path.GetDirectoryName(Path.GetFullPath(database)) });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={database}",
            ["Kafka:TriggerPollSeconds"] = "1",
            ["Kafka:RetryInitialMs"] = "50",
            ["Kafka:RetryMaxMs"] = "400",
            // A killed consumer stays in its group until its session times out (45 s by default): its successor gets
            // the partitions after 3 s instead.
            ["Kafka:ClientProperties:session.timeout.ms"] = "3000",
            ["Kafka:ClientProperties:heartbeat.interval.ms"] = "500",
        });
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<ISecretProtector, PassThroughSecrets>();
        builder.AddEtlStudioData();
        builder.AddKafkaTriggers();
        // The stored flow, as the runtime's run would load it; the batch is its source.
        builder.Services.AddSingleton<FlowDefinitionFactory>();
        builder.Services.AddSingleton<IMessageBatchRunner>(sp =>
        {
            var flows = sp.GetRequiredService<FlowDefinitionFactory>();
            return new EngineBatchRunner(async (trigger, ct) => (await flows.LoadAsync(trigger.FlowId, ct)).Definition);
        });
        using var host = builder.Build();
        await host.RunAsync();
        return 0;
    }
}

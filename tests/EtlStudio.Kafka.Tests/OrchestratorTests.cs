using System.Text;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using EtlStudio.Web.Hosting;
using EtlStudio.Web.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace EtlStudio.Kafka.Tests;

/// <summary>End to end with the app's own run orchestrator (<c>AddRuntime</c>): a trigger's batches become recorded
/// Kafka runs that load PostgreSQL, rejects go to the dead-letter topic.</summary>
public sealed class OrchestratorTests(KafkaMockCluster kafka, PostgresServer postgres)
{
    [Fact]
    public async Task Messages_load_through_recorded_Kafka_runs_and_the_poison_one_is_dead_lettered()
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = KafkaMockCluster.UniqueName("orders");
        var dlq = topic + ".dlq";
        kafka.CreateTopic(topic, partitions: 2);
        kafka.CreateTopic(dlq);
        var database = await postgres.CreateDatabaseAsync("e2e");
        var table = new OrdersTable(database);
        await table.CreateAsync(ct);
        var messages = Enumerable.Range(1, 30).Select(i => ((string?)$"{i}", i == 17 ? "{\"id\":17,\"customer\":" : OrdersTable.Message(i, i))).ToList();
        await kafka.ProduceAsync(topic, messages, ct);
        await using var host = await TriggerHost.CreateAsync(kafka);
        var trigger = await OrdersFlow.AddAsync(host, topic, new NpgsqlConnectionStringBuilder(database), deadLetterTopic: dlq);

        await host.StartAsync(runner: null, app =>
        {
            app.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:BaseUrl"] = "https://etl.example.test/", ["Hangfire:SchedulePollingSeconds"] = "1" });
            app.AddRuntime();
        });
        var letters = kafka.ReadFromStart(dlq, 1, TimeSpan.FromSeconds(90));
        await Eventually.TrueAsync(() => kafka.CommittedOffsets(trigger.ConsumerGroup, topic, 2).Sum() == 30, "all 30 offsets committed", seconds: 90);
        var runs = await RunsAsync(host);
        await host.StopAsync();

        Assert.Equal(Enumerable.Range(1, 30).Where(i => i != 17).Select(i => (long)i), (await table.ReadAsync(ct)).Keys.Order());
        var letter = Assert.Single(letters);
        Assert.Equal("17", letter.Message.Key);
        Assert.Contains("invalid JSON", Encoding.UTF8.GetString(letter.Message.Headers.GetLastBytes(DeadLetterWriter.Error)), StringComparison.Ordinal);
        Assert.All(runs, r => Assert.Equal((RunTrigger.Kafka, RunStatus.Succeeded), (r.Trigger, r.Status)));
        Assert.Equal((30L, 29L, 1L), (runs.Sum(r => r.RowsRead), runs.Sum(r => r.RowsWritten), runs.Sum(r => r.RowsRejected)));
    }

    private static async Task<List<FlowRun>> RunsAsync(TriggerHost host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<EtlDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Runs.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
    }
}

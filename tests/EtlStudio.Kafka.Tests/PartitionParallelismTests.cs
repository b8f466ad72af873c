using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using EtlStudio.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Xunit;

namespace EtlStudio.Kafka.Tests;

/// <summary>Batches of different partitions of one flow load side by side, on one instance (up to the trigger's
/// <c>MaxParallelPartitions</c>) and across instances, and every message still lands exactly once. The destination
/// sleeps 0.2 s per insert statement (a latency-bound table), so a batch's load lasts long enough for overlap to show in
/// the runs' recorded start and end.</summary>
public sealed class PartitionParallelismTests(KafkaMockCluster kafka, PostgresServer postgres)
{
    private const int Partitions = 8;

    [Fact]
    public async Task Two_instances_load_batches_of_one_flow_at_the_same_time_and_every_message_lands_once()
    {
        var ct = TestContext.Current.CancellationToken;
        const int messages = 1600;
        var (topic, table, database) = await PrepareAsync(ct);
        await using var host = await TriggerHost.CreateAsync(kafka, await postgres.CreateDatabaseAsync("config"));
        var trigger = await OrdersFlow.AddAsync(host, topic, database, LoadMode.Append, batchSize: 20, maxParallelPartitions: 4);
        var (logsA, logsB) = (new LogCapture(), new LogCapture());

        using var instanceA = await host.StartInstanceAsync(runner: null, logsA, Runtime);
        using var instanceB = await host.StartInstanceAsync(runner: null, logsB, Runtime);
        try
        {
            // Both instances in the group before the messages come, so the group has spread the partitions over them.
            await Eventually.TrueAsync(() => Assigned(logsA) && Assigned(logsB), "partitions assigned on both instances", seconds: 60);
            await kafka.ProduceAsync(topic, Enumerable.Range(1, messages).Select(i => ((string?)$"{i}", OrdersTable.Message(i, i))), ct);
            await Eventually.TrueAsync(() => kafka.CommittedOffsets(trigger.ConsumerGroup, topic, Partitions).Sum() == messages, "every offset committed", seconds: 180);
        }
        finally
        {
            await StopAsync(instanceA);
            await StopAsync(instanceB);
        }

        var runs = await RunsAsync(instanceA, trigger.FlowId);
        var byExecutor = runs.GroupBy(r => r.Executor!).ToList();
        Assert.Equal(2, byExecutor.Count);
        var across = runs.SelectMany(a => runs.Where(b => b.Executor != a.Executor && Overlap(a, b))).Count();
        Assert.True(across > 0, $"no batch load of one instance overlapped one of the other ({Describe(runs)})");
        Assert.Equal((messages, messages, messages * (messages + 1L) / 2), await TotalsAsync(table, ct));
        Assert.Equal(messages, runs.Sum(r => r.RowsWritten));
    }

    [Theory]
    [InlineData(4, LoadMode.Append)]
    [InlineData(1, LoadMode.Append)]
    [InlineData(4, LoadMode.TruncateReplace)]
    public async Task One_instance_overlaps_batches_of_different_partitions_only_when_the_trigger_allows_more_than_one_and_the_flow_does_not_replace(
        int maxParallelPartitions, LoadMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        const int messages = 480;
        var (topic, table, database) = await PrepareAsync(ct);
        await kafka.ProduceAsync(topic, Enumerable.Range(1, messages).Select(i => ((string?)$"{i}", OrdersTable.Message(i, i))), ct);
        await using var host = await TriggerHost.CreateAsync(kafka);
        var trigger = await OrdersFlow.AddAsync(host, topic, database, mode, batchSize: 20, maxParallelPartitions: maxParallelPartitions);

        await host.StartAsync(runner: null, Runtime);
        await Eventually.TrueAsync(() => kafka.CommittedOffsets(trigger.ConsumerGroup, topic, Partitions).Sum() == messages, "every offset committed", seconds: 180);
        var runs = await RunsAsync(host.Services, trigger.FlowId);
        await host.StopAsync();

        var overlapping = runs.SelectMany(a => runs.Where(b => a.Id != b.Id && Overlap(a, b))).Count() / 2;
        if (maxParallelPartitions > 1 && mode != LoadMode.TruncateReplace) Assert.True(overlapping > 0, $"no two batch loads overlapped ({Describe(runs)})");
        else Assert.True(overlapping == 0, $"{overlapping} pairs of batch loads overlapped with one batch at a time ({Describe(runs)})");
        Assert.Equal(messages, runs.Sum(r => r.RowsRead));
        var totals = await TotalsAsync(table, ct);
        if (mode == LoadMode.TruncateReplace) Assert.Equal(runs.MaxBy(r => r.EndedUtc)!.RowsWritten, totals.Rows);
        else Assert.Equal((messages, messages, messages * (messages + 1L) / 2), totals);
    }

    private static void Runtime(IHostApplicationBuilder app)
    {
        app.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Hangfire:SchedulePollingSeconds"] = "1" });
        app.AddRuntime();
    }

    /// <summary>A topic of <see cref="Partitions"/> partitions and an append-only orders table (a message loaded twice
    /// would show) whose inserts each take 0.2 s.</summary>
    private async Task<(string Topic, OrdersTable Table, NpgsqlConnectionStringBuilder Database)> PrepareAsync(CancellationToken ct)
    {
        var topic = KafkaMockCluster.UniqueName("orders");
        kafka.CreateTopic(topic, Partitions);
        var connectionString = await postgres.CreateDatabaseAsync("parallel");
        var table = new OrdersTable(connectionString);
        await table.CreateAsync(ct, primaryKey: false);
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var slow = new NpgsqlCommand("""
            CREATE FUNCTION slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.2); RETURN NULL; END $$;
            CREATE TRIGGER slow_insert AFTER INSERT ON orders FOR EACH STATEMENT EXECUTE FUNCTION slow_insert();
            """, conn);
        await slow.ExecuteNonQueryAsync(ct);
        return (topic, table, new NpgsqlConnectionStringBuilder(connectionString));
    }

    private static bool Assigned(LogCapture logs) => logs.Lines.Any(l => l.Contains(": assigned ", StringComparison.Ordinal));

    private static bool Overlap(FlowRun a, FlowRun b) => a.StartedUtc < b.EndedUtc && b.StartedUtc < a.EndedUtc;

    private static string Describe(List<FlowRun> runs) =>
        string.Join("; ", runs.OrderBy(r => r.StartedUtc).Select(r => $"{r.Executor?[^6..]} {r.StartedUtc:HH:mm:ss.fff}-{r.EndedUtc:HH:mm:ss.fff} {r.RowsWritten}"));

    private static async Task StopAsync(IHost instance)
    {
        await instance.StopAsync(CancellationToken.None);
    }

    private static Task<List<FlowRun>> RunsAsync(IHost instance, int flowId) => RunsAsync(instance.Services, flowId);

    /// <summary>The flow's batch runs that loaded something (every one succeeded).</summary>
    private static async Task<List<FlowRun>> RunsAsync(IServiceProvider services, int flowId)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<EtlDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var runs = await db.Runs.AsNoTracking().Where(r => r.FlowId == flowId).ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(runs, r => Assert.Equal((RunTrigger.Kafka, RunStatus.Succeeded), (r.Trigger, r.Status)));
        return [.. runs.Where(r => r.RowsWritten > 0)];
    }

    /// <summary>Rows, distinct ids and the sum of ids: a lost or doubled message changes one of them.</summary>
    private static async Task<(long Rows, long Distinct, long Sum)> TotalsAsync(OrdersTable table, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(table.ConnectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT count(*), count(DISTINCT id), coalesce(sum(id), 0)::bigint FROM orders", conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}

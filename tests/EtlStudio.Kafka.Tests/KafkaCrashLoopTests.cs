using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using Npgsql;
using Xunit;

namespace EtlStudio.Kafka.Tests;

/// <summary>Exactly once under <c>kill -9</c> for a Kafka trigger: a child process hosting the triggers
/// (tests/EtlStudio.CrashChild, mode <c>kafka</c>) appends a topic's messages to a PostgreSQL table without a key (a
/// message loaded twice would show) and is killed at seeded random points, ten times; a last process finishes the
/// topic, and the table holds every message once.</summary>
public sealed class KafkaCrashLoopTests(KafkaMockCluster kafka, PostgresServer postgres)
{
    private const int Messages = 30_000;
    private const int Kills = 10;

    [Fact]
    public async Task Ten_kills_of_the_process_running_an_append_trigger_leave_every_message_in_the_table_exactly_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var topic = KafkaMockCluster.UniqueName("orders");
        kafka.CreateTopic(topic, 3);
        var table = new OrdersTable(await postgres.CreateDatabaseAsync("kafka"));
        await table.CreateAsync(ct, primaryKey: false);
        await SlowEveryBatchAsync(table, ct);
        await kafka.ProduceAsync(topic, Enumerable.Range(1, Messages).Select(i => ((string?)$"{i}", OrdersTable.Message(i, Amount(i)))), ct);
        await using var host = await TriggerHost.CreateAsync(kafka);
        await AddAppendFlowAndTriggerAsync(host, topic, new NpgsqlConnectionStringBuilder(table.ConnectionString));
        var random = new Random(20261204);
        var midLoad = new List<long>();

        var loaded = 0L;
        for (var kill = 0; kill < Kills; kill++)
        {
            await using var child = Child.Start(host.DatabaseFile);
            // A seeded random point: some way into what is left, spread so the last kill still finds messages to load
            // (the first batch of a process comes only after its group join, seconds after its start), then a random
            // moment inside or between the next batches.
            var target = Math.Min(Messages, loaded + 1 + random.Next((int)(Messages - loaded) / (Kills - kill + 1)));
            await UntilAsync(async () => await CountAsync(table, ct) >= target, child, $"kill {kill + 1}: {target} rows", ct);
            await Task.Delay(random.Next(0, 400), ct);
            await child.KillAsync();
            loaded = await CountAsync(table, ct);
            if (loaded is > 0 and < Messages) midLoad.Add(loaded);
        }
        await using (var last = Child.Start(host.DatabaseFile))
        {
            await UntilAsync(async () => (await TotalsAsync(table, ct)).Distinct == Messages, last, "every message loaded", ct);
            await last.KillAsync();
        }

        Assert.True(midLoad.Count >= Kills - 2, $"only {midLoad.Count} of {Kills} kills landed in the middle of the load ({string.Join(", ", midLoad)} rows)");
        Assert.Equal(
            (Messages, Messages, Messages * (Messages + 1L) / 2, Enumerable.Range(1, Messages).Sum(Amount)),
            await TotalsAsync(table, ct));
    }

    private static decimal Amount(int id) => id % 1000 + 0.25m;

    /// <summary>Each batch's COPY waits 0.2 s (a statement trigger), so a child cannot load everything that is left in
    /// the moment between reaching a kill's target and the kill: on a quiet machine with a fast load path, the first
    /// processes finished all 30,000 messages and the later kills landed after the load (6–7 of 10 mid-load).</summary>
    private static async Task SlowEveryBatchAsync(OrdersTable table, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(table.ConnectionString);
        await connection.OpenAsync(ct);
        await using var ddl = new NpgsqlCommand("""
            CREATE FUNCTION slow_batch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.2); RETURN NULL; END $$;
            CREATE TRIGGER slow_batch AFTER INSERT ON orders FOR EACH STATEMENT EXECUTE FUNCTION slow_batch();
            """, connection);
        await ddl.ExecuteNonQueryAsync(ct);
    }

    private static async Task AddAppendFlowAndTriggerAsync(TriggerHost host, string topic, NpgsqlConnectionStringBuilder database)
    {
        var now = DateTime.UtcNow;
        var kafkaConnection = new Connection
        {
            Name = KafkaMockCluster.UniqueName("kafka"), Kind = ConnectionKind.Kafka, CreatedUtc = now, UpdatedUtc = now,
            Settings = JsonSerializer.Serialize(new { bootstrapServers = host.BootstrapServers }),
        };
        var warehouse = new Connection
        {
            Name = KafkaMockCluster.UniqueName("warehouse"), Kind = ConnectionKind.PostgreSql, Secret = "unused", CreatedUtc = now, UpdatedUtc = now,
            Settings = JsonSerializer.Serialize(new { host = database.Host, port = database.Port, database = database.Database, username = database.Username, sslMode = "Disable" }),
        };
        var flow = new Flow
        {
            Group = new Group { Name = KafkaMockCluster.UniqueName("group"), CreatedUtc = now, UpdatedUtc = now },
            Name = "orders from kafka", SourceConnection = kafkaConnection, SourceTopic = topic, ParseFormat = ParseFormat.Json,
            DestinationConnection = warehouse, DestinationTable = "orders", LoadMode = LoadMode.Append, StagingEnabled = false,
            CreatedUtc = now, UpdatedUtc = now,
            Columns =
            [
                new ColumnMapping { Order = 1, SourceField = "id", TargetColumn = "id", TargetType = ColumnType.Long, Required = true },
                new ColumnMapping { Order = 2, SourceField = "customer", TargetColumn = "customer", Required = true },
                new ColumnMapping { Order = 3, SourceField = "amount", TargetColumn = "amount", TargetType = ColumnType.Decimal, Precision = 12, Scale = 2, Required = true },
                new ColumnMapping { Order = 4, SourceField = "placed", TargetColumn = "placed", TargetType = ColumnType.DateTimeOffset, Required = true },
                new ColumnMapping { Order = 5, SourceField = "note", TargetColumn = "note" },
            ],
        };
        await host.SaveAsync(new KafkaTrigger
        {
            Connection = kafkaConnection, Flow = flow, Topic = topic, ConsumerGroup = KafkaMockCluster.UniqueName("etl"), BatchSize = 500,
            BatchWindowMs = 200, CreatedUtc = now, UpdatedUtc = now,
        });
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails when the child exits by itself or after three minutes.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, Child child, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!await condition())
        {
            if (child.HasExited) Assert.Fail($"The crash child exited by itself while waiting for {what}: {child.Errors}");
            if (DateTime.UtcNow > deadline) Assert.Fail($"Gave up after 3 minutes waiting for {what}. The child said: {child.Errors}");
            await Task.Delay(20, ct);
        }
    }

    private static async Task<long> CountAsync(OrdersTable table, CancellationToken ct) => (await TotalsAsync(table, ct)).Count;

    private static async Task<(long Count, long Distinct, long SumId, decimal SumAmount)> TotalsAsync(OrdersTable table, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(table.ConnectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT count(*), count(DISTINCT id), coalesce(sum(id), 0)::bigint, coalesce(sum(amount), 0) FROM orders", conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDecimal(3));
    }

    /// <summary>The crash child in mode <c>kafka</c>, its standard error kept for failure messages.</summary>
    private sealed class Child : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _errors = new();

        private Child(Process process) => _process = process;

        public static Child Start(string database)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { RepoPaths.CrashChild, "kafka", database }) start.ArgumentList.Add(arg);
            var process = new Process { StartInfo = start };
            var child = new Child(process);
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (child._errors) child._errors.AppendLine(e.Data);
            };
            process.OutputDataReceived += (_, _) => { };
            if (!process.Start()) throw new InvalidOperationException("the crash child did not start");
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            return child;
        }

        public bool HasExited => _process.HasExited;

        public string Errors
        {
            get
            {
                lock (_errors) return _errors.Length == 0 ? "(nothing on standard error)" : _errors.ToString();
            }
        }

        public async Task KillAsync()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        public async ValueTask DisposeAsync()
        {
            await KillAsync();
            _process.Dispose();
        }
    }
}

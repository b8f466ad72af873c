using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Tests.Pipeline;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary><see cref="FlowRunner.DryRunAsync"/> through real files into real PostgreSQL and SQLite: it reports what a
/// run would insert, update, delete and reject, and the table (and staging) end exactly as they were.</summary>
public sealed class DryRunTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.PostgreSql, DatabaseProvider.Sqlite];

    private static async Task<DryRunResult> DryRunAsync(EngineHost host, FlowDefinition flow, IRejectSink? rejects = null) =>
        await host.Runner.DryRunAsync(flow, new FlowRunContext { RunId = Guid.NewGuid(), Rejects = rejects }, TestContext.Current.CancellationToken);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Upsert_dry_run_reports_updates_inserts_and_rejects_and_leaves_the_table_unchanged(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await ItemsTable.CreateWithOldRowsAsync(db);
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), ItemsTable.Csv(2, 5, "new") + "oops,bad,1\n");
        var flow = host.Flow(ItemsTable.Columns, provider, db.ConnectionString, ItemsTable.Name, mode: LoadMode.Upsert, keys: ["id"]);

        var result = await DryRunAsync(host, flow);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal((5L, 2L, 2L, 1L, 0L), (result.RowsRead, result.WouldInsert, result.WouldUpdate, result.RowsRejected, result.WouldDelete));
        var reject = Assert.Single(result.Rejects);
        Assert.Equal((host.PathOf("a.csv"), 5L, "id", "oops"), (reject.Origin, reject.RowNumber, reject.Column, reject.Value));
        Assert.Contains(result.Steps, s => s.Step == RunStep.Load);
        Assert.Equal(ItemsTable.Expected(ItemsTable.OldRows), await ItemsTable.ReadAsync(db));
        Assert.Empty(Directory.EnumerateFileSystemEntries(host.StagingFolder));
    }

    public static TheoryData<DatabaseProvider, LoadMode, int, long, long, long> ManyBatches => new()
    {
        // Batches of 7: keys repeat across batches inside the one rolled-back transaction.
        { DatabaseProvider.PostgreSql, LoadMode.Upsert, 2, 37, 2, 0 },
        { DatabaseProvider.Sqlite, LoadMode.Upsert, 2, 37, 2, 0 },
        { DatabaseProvider.PostgreSql, LoadMode.Append, 4, 37, 0, 0 },
        { DatabaseProvider.Sqlite, LoadMode.Append, 4, 37, 0, 0 },
        { DatabaseProvider.PostgreSql, LoadMode.TruncateReplace, 2, 39, 0, 3 },
        { DatabaseProvider.Sqlite, LoadMode.TruncateReplace, 2, 39, 0, 3 },
    };

    [Theory]
    [MemberData(nameof(ManyBatches))]
    public async Task Dry_run_over_many_batches_counts_every_mode_and_a_real_run_then_does_exactly_that(
        DatabaseProvider provider, LoadMode mode, int from, long inserted, long updated, long deleted)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await ItemsTable.CreateWithOldRowsAsync(db);
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), ItemsTable.Csv(from, 40, "new"));
        var flow = host.Flow(ItemsTable.Columns, provider, db.ConnectionString, ItemsTable.Name, mode: mode, keys: mode == LoadMode.Upsert ? ["id"] : null);

        var dry = await DryRunAsync(host, flow);
        var unchanged = await ItemsTable.ReadAsync(db);
        var run = await host.RunAsync(flow);

        Assert.True(dry.Succeeded, dry.Error?.ToString());
        Assert.Equal((inserted, updated, deleted), (dry.WouldInsert, dry.WouldUpdate, dry.WouldDelete));
        Assert.Equal(dry.RowsRead, dry.WouldInsert + dry.WouldUpdate + dry.RowsRejected);
        Assert.Equal(ItemsTable.Expected(ItemsTable.OldRows), unchanged);
        Assert.True(run.Succeeded, run.Error?.ToString());
        Assert.Equal((inserted, updated, deleted), (run.RowsInserted, run.RowsUpdated, run.RowsDeleted));
        Assert.Equal(mode == LoadMode.TruncateReplace ? inserted : 3 + inserted, (await ItemsTable.ReadAsync(db)).Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Dry_run_that_crosses_the_reject_threshold_fails_as_a_run_would_and_changes_nothing(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await ItemsTable.CreateWithOldRowsAsync(db);
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), ItemsTable.Csv(2, 30, "new") + "oops,bad,1\n");
        var flow = host.Flow(ItemsTable.Columns, provider, db.ConnectionString, ItemsTable.Name, mode: LoadMode.TruncateReplace)
            with { RejectThreshold = new RejectThreshold(0, null) };

        var result = await DryRunAsync(host, flow);

        Assert.False(result.Succeeded);
        Assert.IsType<RejectThresholdExceededException>(result.Error);
        Assert.Equal(1, result.RowsRejected);
        Assert.Equal(ItemsTable.Expected(ItemsTable.OldRows), await ItemsTable.ReadAsync(db));
    }

    [Fact]
    public async Task Dry_run_keeps_the_first_hundred_rejects_and_hands_every_one_to_the_callers_sink()
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.Sqlite, postgres);
        await ItemsTable.CreateWithOldRowsAsync(db);
        var csv = new StringBuilder(ItemsTable.Csv(10, 12, "new"));
        for (var i = 0; i < 150; i++) csv.Append("bad").Append(i).Append(",x,1\n");
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), csv.ToString());
        var flow = host.Flow(ItemsTable.Columns, DatabaseProvider.Sqlite, db.ConnectionString, ItemsTable.Name);
        var sink = new ListRejects();

        var result = await DryRunAsync(host, flow, sink);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal((153L, 3L, 150L), (result.RowsRead, result.WouldInsert, result.RowsRejected));
        Assert.Equal(DryRunResult.MaxRejects, result.Rejects.Count);
        Assert.Equal(150, sink.Rows.Count);
        Assert.Equal(sink.Rows.Take(DryRunResult.MaxRejects), result.Rejects);
        Assert.Equal("bad0", result.Rejects[0].Value);
        Assert.Equal(ItemsTable.Expected(ItemsTable.OldRows), await ItemsTable.ReadAsync(db));
    }
}

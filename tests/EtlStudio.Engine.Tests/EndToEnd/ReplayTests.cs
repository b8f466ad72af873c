using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>Replaying a run's load from its staged mapped rows, without the source files.</summary>
public sealed class ReplayTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Replay_from_staged_data_loads_the_same_rows_after_the_files_are_gone(DatabaseProvider replayInto)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = new EngineHost();
        await using var first = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await using var second = await TargetDatabase.CreateAsync(replayInto, postgres);
        await first.ExecuteAsync($"CREATE TABLE {ItemsTable.Name} (id INTEGER NOT NULL PRIMARY KEY, name TEXT, qty INTEGER)");
        await second.ExecuteAsync($"CREATE TABLE {ItemsTable.Name} (id INTEGER NOT NULL PRIMARY KEY, name TEXT, qty INTEGER)");
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), ItemsTable.Csv(1, 30, "a") + "31,\"line\nbreak, \"\"quoted\"\"\",\n32,bad qty,x\n");
        await SeededFiles.WriteTextAsync(host.PathOf("b.csv"), ItemsTable.Csv(40, 52, "b"));
        var flow = host.Flow(ItemsTable.Columns, DatabaseProvider.PostgreSql, first.ConnectionString, ItemsTable.Name);
        var runId = Guid.NewGuid();
        var run = await host.Runner.RunAsync(flow, new FlowRunContext { RunId = runId }, ct);
        Assert.True(run.Succeeded, run.Error?.ToString());
        File.Delete(host.PathOf("a.csv"));
        File.Delete(host.PathOf("b.csv"));

        var replay = await host.Runner.ReplayLoadAsync(
            flow with { Destination = flow.Destination with { Provider = replayInto, ConnectionString = second.ConnectionString } },
            runId, new FlowRunContext { RunId = Guid.NewGuid() }, ct);

        Assert.True(replay.Succeeded, replay.Error?.ToString());
        Assert.Equal((45L, 44L, 1L), (run.RowsRead, run.RowsWritten, run.RowsRejected));
        Assert.Equal((44L, 44L), (replay.RowsRead, replay.RowsWritten));
        var loaded = await ItemsTable.ReadAsync(first);
        Assert.Equal(44, loaded.Count);
        Assert.Contains((31L, "line\nbreak, \"quoted\"", (long?)null), loaded);
        Assert.Equal(loaded, await ItemsTable.ReadAsync(second));
    }

    [Fact]
    public async Task Replay_of_a_run_that_staged_nothing_says_so()
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await db.ExecuteAsync($"CREATE TABLE {ItemsTable.Name} (id INTEGER NOT NULL PRIMARY KEY, name TEXT, qty INTEGER)");
        var flow = host.Flow(ItemsTable.Columns, DatabaseProvider.PostgreSql, db.ConnectionString, ItemsTable.Name);
        var missing = Guid.NewGuid();

        var replay = await host.Runner.ReplayLoadAsync(flow, missing, new FlowRunContext { RunId = Guid.NewGuid() }, TestContext.Current.CancellationToken);

        Assert.False(replay.Succeeded);
        Assert.IsAssignableFrom<EtlDataException>(replay.Error);
        Assert.Contains(missing.ToString(), replay.Error!.Message, StringComparison.Ordinal);
        Assert.Empty(await ItemsTable.ReadAsync(db));
    }
}

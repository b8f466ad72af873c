using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Runs;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Runtime.Tests;

public sealed class RunNowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_now_loads_the_flow_and_records_counts_steps_rejects_log_and_staged_files()
    {
        await using var app = await RuntimeApp.CreateAsync();
        var group = await TestData.GroupAsync(app);
        var (flow, source, destination) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name, amount FROM events ORDER BY id",
            targetDdl: "CREATE TABLE target (id INTEGER, name TEXT, amount INTEGER)");
        await Sqlite.ExecAsync(source, "ALTER TABLE events ADD COLUMN amount TEXT; INSERT INTO events VALUES (1,'a','10'),(2,'b','x'),(3,'c','30')");
        await using (var db = await app.DbAsync())
        {
            db.ColumnMappings.Add(new ColumnMapping { FlowId = flow.Id, Order = 2, SourceField = "amount", TargetColumn = "amount", TargetType = ColumnType.Int });
            await db.SaveChangesAsync(Ct);
        }

        using var signedInAlice = SignedIn.As("alice");

        var runId = await app.Get<IRunLauncher>().RunFlowAsync(flow.Id, RunTrigger.Manual, Ct);
        var run = await app.WaitForEndAsync(runId);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal((3L, 2L, 1L), (run.RowsRead, run.RowsWritten, run.RowsRejected));
        Assert.Equal("alice", run.TriggeredBy);
        Assert.NotNull(run.JobId);
        Assert.True(run.StartedUtc <= run.EndedUtc);
        Assert.Equal([(1L, "a"), (3L, "c")], await Sqlite.RowsAsync(destination));
        await using var check = await app.DbAsync();
        var reject = Assert.Single(await check.RejectedRows.Where(r => r.RunId == runId).ToListAsync(Ct));
        Assert.Equal(("amount", "x", 2L), (reject.Column, reject.Value, reject.RowNumber));
        var steps = await check.RunSteps.Where(s => s.RunId == runId).Select(s => s.Name).ToListAsync(Ct);
        Assert.Contains("Load", steps);
        Assert.NotEmpty(await check.RunArtifacts.Where(a => a.RunId == runId).ToListAsync(Ct));
        Assert.Contains(await app.RunLogAsync(runId), m => m.StartsWith("Started (Manual by alice)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_upsert_run_records_how_many_rows_it_inserted_and_updated_and_a_replace_how_many_it_deleted()
    {
        await using var app = await RuntimeApp.CreateAsync();
        var group = await TestData.GroupAsync(app);
        var (upsert, source, destination) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events ORDER BY id",
            f => (f.LoadMode, f.KeyColumns) = (LoadMode.Upsert, "id"), targetDdl: "CREATE TABLE target (id INTEGER PRIMARY KEY, name TEXT)");
        await Sqlite.ExecAsync(destination, "INSERT INTO target VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        await Sqlite.ExecAsync(source, "INSERT INTO events VALUES (2, 'B'), (3, 'C'), (4, 'd'), (5, 'e'), (6, 'f')");
        var launcher = app.Get<IRunLauncher>();

        var upserted = await app.WaitForEndAsync(await launcher.RunFlowAsync(upsert.Id, RunTrigger.Manual, Ct));
        await using (var db = await app.DbAsync())
        {
            await db.Flows.Where(f => f.Id == upsert.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.LoadMode, LoadMode.TruncateReplace), Ct);
        }
        var replaced = await app.WaitForEndAsync(await launcher.RunFlowAsync(upsert.Id, RunTrigger.Manual, Ct));

        Assert.Equal((RunStatus.Succeeded, 5L, 3L, 2L, 0L), (upserted.Status, upserted.RowsWritten, upserted.RowsInserted, upserted.RowsUpdated, upserted.RowsDeleted));
        Assert.Equal((RunStatus.Succeeded, 5L, 5L, 0L, 6L), (replaced.Status, replaced.RowsWritten, replaced.RowsInserted, replaced.RowsUpdated, replaced.RowsDeleted));
        Assert.Equal([(2L, "B"), (3L, "C"), (4L, "d"), (5L, "e"), (6L, "f")], await Sqlite.RowsAsync(destination));
    }

    [Fact]
    public async Task Pressing_run_now_many_times_at_once_queues_one_run()
    {
        // Not started: the runs stay Queued, so every press races the first one's insert.
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var group = await TestData.GroupAsync(app);
        var (flow, _, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        var launcher = app.Get<IRunLauncher>();

        using var signedInBob = SignedIn.As("bob");

        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => launcher.RunFlowAsync(flow.Id, RunTrigger.Manual, Ct), Ct)));

        Assert.Single(ids.Distinct());
        await using var db = await app.DbAsync();
        Assert.Equal(1, await db.Runs.CountAsync(r => r.FlowId == flow.Id, Ct));
    }

    [Fact]
    public async Task Cancel_ends_a_running_run_as_Cancelled_within_seconds()
    {
        await using var server = TestHttpServer.Hanging();
        await using var app = await RuntimeApp.CreateAsync();
        var runId = await StartHangingRunAsync(app, server);

        using var signedInCarol = SignedIn.As("carol");

        await app.Get<IRunLauncher>().CancelAsync(runId, Ct);
        var run = await app.WaitForEndAsync(runId, seconds: 10);

        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.Equal("cancelled by carol", run.Note);
        Assert.Null(run.QueuedFlowId);
    }

    [Fact]
    public async Task Cancel_flag_set_by_another_instance_stops_the_run_through_polling()
    {
        await using var server = TestHttpServer.Hanging();
        await using var app = await RuntimeApp.CreateAsync();
        var runId = await StartHangingRunAsync(app, server);

        // What another instance's launcher does: it cannot reach this process's cancellation source.
        await using (var db = await app.DbAsync())
        {
            await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.CancelRequested, true), Ct);
        }
        var run = await app.WaitForEndAsync(runId, seconds: 10);

        Assert.Equal(RunStatus.Cancelled, run.Status);
    }

    [Fact]
    public async Task Cancelling_a_run_that_waits_for_its_flow_ends_it_at_once()
    {
        await using var server = TestHttpServer.Hanging();
        await using var app = await RuntimeApp.CreateAsync();
        var first = await StartHangingRunAsync(app, server);
        var flowId = (await app.RunAsync(first)).FlowId!.Value;
        var launcher = app.Get<IRunLauncher>();
        var second = await launcher.RunFlowAsync(flowId, RunTrigger.Manual, Ct);
        await app.WaitForRunAsync(second, r => r.Note?.StartsWith("waiting", StringComparison.Ordinal) == true);

        using var signedInFrank = SignedIn.As("frank");

        await launcher.CancelAsync(second, Ct);
        var cancelled = await app.WaitForEndAsync(second, seconds: 5);

        Assert.Equal((RunStatus.Cancelled, "cancelled by frank"), (cancelled.Status, cancelled.Note));
        Assert.Equal(RunStatus.Running, (await app.RunAsync(first)).Status);
    }

    [Fact]
    public async Task Resume_of_a_succeeded_run_is_refused_because_its_load_is_complete()
    {
        await using var app = await RuntimeApp.CreateAsync();
        var group = await TestData.GroupAsync(app);
        var (flow, source, destination) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        await Sqlite.ExecAsync(source, "INSERT INTO events VALUES (1, 'a'), (2, 'b')");
        var launcher = app.Get<IRunLauncher>();
        var original = await app.WaitForEndAsync(await launcher.RunFlowAsync(flow.Id, RunTrigger.Manual, Ct));

        using var signedInGina = SignedIn.As("gina");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => launcher.ResumeAsync(original.Id, Ct));

        Assert.Contains("nothing to resume", refused.Message, StringComparison.Ordinal);
        Assert.Equal([(1L, "a"), (2L, "b")], await Sqlite.RowsAsync(destination));
    }

    [Fact]
    public async Task A_flow_over_its_timeout_fails_naming_the_timeout()
    {
        await using var server = TestHttpServer.Hanging();
        await using var app = await RuntimeApp.CreateAsync();
        var runId = await StartHangingRunAsync(app, server, timeoutSeconds: 1);

        var run = await app.WaitForEndAsync(runId, seconds: 15);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("Timed out after 1 s (flow timeout).", run.Error);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_with_each_attempt_in_the_run_log_and_a_data_error_is_not()
    {
        await using var app = await RuntimeApp.CreateAsync(new Dictionary<string, string?> { ["Runtime:TransientRetries"] = "2" });
        var group = await TestData.GroupAsync(app);
        var (flow, _, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        // A PostgreSQL destination nobody listens on: connection refused is transient.
        var unreachable = await TestData.ConnectionAsync(app, new PostgreSqlSettings("127.0.0.1", "x", "postgres", Testing.FreePort.Next()));
        var (dataFlow, _, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events", f => f.DestinationTable = "no_such_table");
        await using (var db = await app.DbAsync())
        {
            await db.Flows.Where(f => f.Id == flow.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.DestinationConnectionId, unreachable.Id), Ct);
        }
        var launcher = app.Get<IRunLauncher>();

        var transient = await app.WaitForEndAsync(await launcher.RunFlowAsync(flow.Id, RunTrigger.Manual, Ct));
        var data = await app.WaitForEndAsync(await launcher.RunFlowAsync(dataFlow.Id, RunTrigger.Manual, Ct));

        Assert.Equal(RunStatus.Failed, transient.Status);
        var retries = (await app.RunLogAsync(transient.Id)).Where(m => m.Contains("failed with a transient error", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, retries.Count);
        Assert.StartsWith("Attempt 1 failed", retries[0], StringComparison.Ordinal);
        Assert.Equal(RunStatus.Failed, data.Status);
        Assert.Contains("no_such_table", data.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.RunLogAsync(data.Id), m => m.Contains("transient", StringComparison.Ordinal));
    }

    /// <summary>A run whose HTTP source never answers, observed Running.</summary>
    internal static async Task<Guid> StartHangingRunAsync(RuntimeApp app, TestHttpServer server, int? timeoutSeconds = null)
    {
        var group = await TestData.GroupAsync(app);
        var http = await TestData.ConnectionAsync(app, new HttpSettings(server.BaseUrl));
        var destination = Path.Combine(app.Root, $"dst-{Guid.NewGuid():N}.db");
        await Sqlite.ExecAsync(destination, "CREATE TABLE target (id INTEGER, name TEXT)");
        var flow = await TestData.FlowAsync(app, group, http, destination, "target", [("id", ColumnType.Long), ("name", ColumnType.String)], f =>
        {
            f.SourcePath = "items";
            f.ParseFormat = ParseFormat.Json;
            f.TimeoutSeconds = timeoutSeconds;
        });
        var runId = await app.Get<IRunLauncher>().RunFlowAsync(flow.Id, RunTrigger.Manual, TestContext.Current.CancellationToken);
        await app.WaitForRunAsync(runId, r => r.Status != RunStatus.Queued);
        return runId;
    }
}

using System.Diagnostics.Metrics;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Observability;
using EtlStudio.Web.Runs;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Runtime.Tests;

/// <summary>Every run-state change goes through <see cref="RunStates"/>: its allowed from-states, the acting user, the
/// "QueuedFlowId is null unless Queued" rule and the metrics it records.</summary>
public sealed class RunStatesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_queued_run_is_claimed_once_and_a_claimed_run_cannot_be_claimed_or_ended_as_queued_again()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var states = app.Get<RunStates>();
        var run = await QueueAsync(app, states);

        Assert.True(await states.ClaimAsync(run, Ct));
        Assert.False(await states.ClaimAsync(run, Ct));
        Assert.False(await states.EndQueuedAsync(run.Id, RunStatus.Failed, null, "late", Ct));
        Assert.False(await states.AbandonQueuedAsync(run.Id, run.JobId, "late", Ct));

        var claimed = await app.RunAsync(run.Id);
        Assert.Equal(RunStatus.Running, claimed.Status);
        Assert.Null(claimed.QueuedFlowId);
        Assert.NotNull(claimed.Executor);
    }

    [Fact]
    public async Task A_run_completes_only_from_Running_or_Abandoned_and_only_to_a_final_status()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var states = app.Get<RunStates>();
        var run = await QueueAsync(app, states);

        Assert.False(await states.CompleteAsync(run.Id, new RunOutcome(RunStatus.Succeeded, null, null), Ct));
        Assert.Equal(RunStatus.Queued, (await app.RunAsync(run.Id)).Status);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => states.CompleteAsync(run.Id, new RunOutcome(RunStatus.Running, null, null), Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => states.EndQueuedAsync(run.Id, RunStatus.Succeeded, null, null, Ct));

        Assert.True(await states.ClaimAsync(run, Ct));
        Assert.True(await states.CompleteAsync(run.Id, new RunOutcome(RunStatus.Failed, null, "boom"), Ct));
        Assert.False(await states.CompleteAsync(run.Id, new RunOutcome(RunStatus.Succeeded, null, null), Ct));
        var ended = await app.RunAsync(run.Id);
        Assert.Equal((RunStatus.Failed, "boom"), (ended.Status, ended.Error));
        await using var db = await app.DbAsync();
        var log = await db.RunLogs.Where(l => l.RunId == run.Id).Select(l => l.Message).ToListAsync(Ct);
        Assert.Contains(log, line => line.StartsWith("Ended after", StringComparison.Ordinal) && line.EndsWith("Failed: boom", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_records_the_signed_in_user_ends_a_queued_run_and_frees_its_flow_for_the_next_press()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var states = app.Get<RunStates>();
        var run = await QueueAsync(app, states);

        using (SignedIn.As("heidi"))
        {
            Assert.Equal(RunCancel.EndedQueued, await states.CancelAsync(run.Id, Ct));
            Assert.Equal(RunCancel.NotActive, await states.CancelAsync(run.Id, Ct));
        }

        var cancelled = await app.RunAsync(run.Id);
        Assert.Equal((RunStatus.Cancelled, "cancelled by heidi", (int?)null), (cancelled.Status, cancelled.Note, cancelled.QueuedFlowId));
        var (next, created) = await states.QueueAsync(new RunToQueue(run.FlowId!.Value, run.FlowName, run.GroupId!.Value, RunTrigger.Manual), merge: true, Ct);
        Assert.True(created);
        Assert.NotEqual(run.Id, next.Id);
    }

    [Fact]
    public async Task A_run_queued_without_anyone_signed_in_is_by_the_system_or_the_background_actor()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var states = app.Get<RunStates>();

        var system = await QueueAsync(app, states);
        Assert.Equal("system", system.TriggeredBy);
        Assert.True(await states.EndQueuedAsync(system.Id, RunStatus.Cancelled, null, null, Ct));
        using (EtlStudio.Web.Security.Authentication.CurrentUser.ActAs("schedule 2027-01-15 02:00:00Z"))
        {
            var scheduled = await QueueAsync(app, states);
            Assert.Equal("schedule 2027-01-15 02:00:00Z", scheduled.TriggeredBy);
        }
    }

    [Fact]
    public async Task A_running_run_is_abandoned_only_while_its_heartbeat_is_the_one_the_sweeper_saw()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var states = app.Get<RunStates>();
        var run = await QueueAsync(app, states);
        Assert.True(await states.ClaimAsync(run, Ct));
        var beat = (await app.RunAsync(run.Id)).HeartbeatUtc;

        Assert.False(await states.AbandonRunningAsync(run.Id, beat!.Value.AddSeconds(-1), "abandoned", "gone", Ct));
        Assert.True(await states.AbandonRunningAsync(run.Id, beat, "abandoned", "gone", Ct));

        Assert.Equal(RunStatus.Abandoned, (await app.RunAsync(run.Id)).Status);
    }

    [Fact]
    public async Task A_run_now_records_started_and_finished_runs_duration_and_rows_on_the_EtlStudio_meter()
    {
        var measurements = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EtlMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags) copy[tag.Key] = tag.Value;
            lock (measurements) measurements.Add((instrument.Name, value, copy));
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        listener.Start();
        await using var app = await RuntimeApp.CreateAsync();
        var group = await TestData.GroupAsync(app);
        var (flow, source, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        await Sqlite.ExecAsync(source, "INSERT INTO events VALUES (1, 'a'), (2, 'b'), (3, 'c')");

        var run = await app.WaitForEndAsync(await app.Get<IRunLauncher>().RunFlowAsync(flow.Id, RunTrigger.Manual, Ct));

        Assert.Equal(RunStatus.Succeeded, run.Status);
        List<(string Instrument, double Value, Dictionary<string, object?> Tags)> mine;
        lock (measurements) mine = [.. measurements.Where(m => Equals(m.Tags.GetValueOrDefault("etl.flow"), flow.Name))];
        var started = Assert.Single(mine, m => m.Instrument == "etl.runs.started");
        Assert.Equal("Manual", started.Tags["etl.trigger"]);
        var finished = Assert.Single(mine, m => m.Instrument == "etl.runs.finished");
        Assert.Equal(("Manual", "Succeeded"), (finished.Tags["etl.trigger"], finished.Tags["etl.status"]));
        var duration = Assert.Single(mine, m => m.Instrument == "etl.run.duration");
        Assert.Equal((run.EndedUtc!.Value - run.StartedUtc!.Value).TotalSeconds, duration.Value, precision: 3);
        Assert.Equal([("read", 3d), ("written", 3d)], mine.Where(m => m.Instrument == "etl.rows").Select(m => ((string)m.Tags["etl.outcome"]!, m.Value)));
    }

    [Fact]
    public async Task A_completed_run_records_the_rows_its_filter_left_out_and_its_log_balances_the_counts()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var states = app.Get<RunStates>();
        var run = await QueueAsync(app, states);
        Assert.True(await states.ClaimAsync(run, Ct));
        var result = new Engine.FlowRunResult { Succeeded = true, RowsRead = 100, RowsWritten = 60, RowsRejected = 15, RowsFiltered = 25 };

        Assert.True(await states.CompleteAsync(run.Id, new RunOutcome(RunStatus.Succeeded, result, null), Ct));

        var ended = await app.RunAsync(run.Id);
        Assert.Equal((100L, 60L, 15L, 25L), (ended.RowsRead, ended.RowsWritten, ended.RowsRejected, ended.RowsFiltered));
        await using var db = await app.DbAsync();
        var log = await db.RunLogs.Where(l => l.RunId == run.Id).Select(l => l.Message).ToListAsync(Ct);
        Assert.Contains(log, line => line.Contains("100 read, 60 written, 15 rejected, 25 filtered", StringComparison.Ordinal));
    }

    private static async Task<FlowRun> QueueAsync(RuntimeApp app, RunStates states)
    {
        var group = await TestData.GroupAsync(app);
        var (flow, _, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        var (run, created) = await states.QueueAsync(new RunToQueue(flow.Id, flow.Name, group.Id, RunTrigger.Manual), merge: true, Ct);
        Assert.True(created);
        Assert.Equal(flow.Id, run.QueuedFlowId);
        return run;
    }
}

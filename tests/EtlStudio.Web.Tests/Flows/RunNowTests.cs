using EtlStudio.Data.Entities;
using EtlStudio.Web.Components.Controls;
using EtlStudio.Web.Runs;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EtlStudio.Web.Tests.FlowPages;

/// <summary>Run now and live progress against test doubles of the runtime's launcher and notifier.</summary>
public sealed class RunNowTests : PortalContext
{
    private readonly FakeLauncher _launcher = new();
    private readonly FakeNotifier _notifier = new();

    public RunNowTests()
    {
        Services.AddSingleton<IRunLauncher>(_launcher);
        Services.AddSingleton<IRunProgressNotifier>(_notifier);
    }

    [Fact]
    public async Task Run_now_disables_while_starting_then_shows_live_progress_and_cancels()
    {
        var runId = Guid.NewGuid();
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.Runs.Add(new FlowRun { Id = runId, FlowName = "Orders", Trigger = RunTrigger.Manual, Status = RunStatus.Queued, QueuedUtc = Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(Ct);
        }
        Render<MudPopoverProvider>();
        var cut = Render<RunNowButton>(p => p.Add(b => b.FlowId, 7).Add(b => b.FlowName, "Orders"));

        var button = cut.Find("button[aria-label='Run now Orders']");
        var click = button.ClickAsync(new());
        await cut.WaitForAssertionAsync(() => Assert.True(cut.Find("button[aria-label='Run now Orders']").HasAttribute("disabled")));
        Assert.Equal("Starting…", cut.Find("button[aria-label='Run now Orders']").TextContent.Trim());
        _launcher.Started.SetResult(runId);
        await click;
        Assert.Equal([7], _launcher.FlowRuns);

        await cut.WaitForAssertionAsync(() => Assert.Single(_notifier.Handlers));
        await _notifier.PublishAsync(new RunUpdate(runId, 7, RunStatus.Running, "Load", 500, 400, 3, Clock.GetUtcNow().UtcDateTime, null, null));
        Clock.Advance(TimeSpan.FromMilliseconds(300));
        await cut.WaitForAssertionAsync(() => Assert.Equal("500 read · 400 written · 3 rejected", cut.Find("[data-testid='run-rows']").TextContent.Trim()));
        Assert.Equal("Load", cut.Find("[data-testid='run-step']").TextContent.Trim());

        Clock.Advance(TimeSpan.FromSeconds(65));
        await cut.WaitForAssertionAsync(() => Assert.Equal("1 min 05 s", cut.Find("[data-testid='run-elapsed']").TextContent.Trim()));

        await cut.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        Assert.Equal([runId], _launcher.Cancelled);

        await _notifier.PublishAsync(new RunUpdate(runId, 7, RunStatus.Cancelled, null, 500, 400, 3, Clock.GetUtcNow().UtcDateTime.AddSeconds(-65), Clock.GetUtcNow().UtcDateTime, null));
        Clock.Advance(TimeSpan.FromMilliseconds(300));
        await cut.WaitForAssertionAsync(() => Assert.Contains("Cancelled", cut.Find("[role='status']").TextContent));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() is "Cancel" or "Cancelling…");
    }

    [Fact]
    public async Task Live_progress_shows_the_rows_the_filter_dropped_pushed_and_as_recorded_in_the_run_row()
    {
        var runId = Guid.NewGuid();
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.Runs.Add(new FlowRun
            {
                Id = runId, FlowName = "Orders", Trigger = RunTrigger.Manual, Status = RunStatus.Running, QueuedUtc = Clock.GetUtcNow().UtcDateTime,
                StartedUtc = Clock.GetUtcNow().UtcDateTime, RowsRead = 50, RowsWritten = 40, RowsRejected = 2, RowsFiltered = 8,
            });
            await db.SaveChangesAsync(Ct);
        }

        var cut = Render<RunProgressPanel>(p => p.Add(b => b.RunId, runId));

        await cut.WaitForAssertionAsync(() => Assert.Equal("50 read · 40 written · 2 rejected · 8 filtered", cut.Find("[data-testid='run-rows']").TextContent.Trim()));
        await cut.WaitForAssertionAsync(() => Assert.Single(_notifier.Handlers));
        await _notifier.PublishAsync(new RunUpdate(runId, 7, RunStatus.Running, "Map", 500, 400, 3, Clock.GetUtcNow().UtcDateTime, null, null, RowsFiltered: 97));
        Clock.Advance(TimeSpan.FromMilliseconds(300));
        await cut.WaitForAssertionAsync(() => Assert.Equal("500 read · 400 written · 3 rejected · 97 filtered", cut.Find("[data-testid='run-rows']").TextContent.Trim()));
    }

    private sealed class FakeLauncher : IRunLauncher
    {
        public TaskCompletionSource<Guid> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<int> FlowRuns { get; } = [];
        public List<Guid> Cancelled { get; } = [];

        public async Task<Guid> RunFlowAsync(int flowId, RunTrigger trigger, CancellationToken cancellationToken)
        {
            FlowRuns.Add(flowId);
            return await Started.Task;
        }

        public Task<IReadOnlyList<Guid>> RunGroupAsync(int groupId, RunTrigger trigger, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Guid> ResumeAsync(Guid runId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task CancelAsync(Guid runId, CancellationToken cancellationToken)
        {
            Cancelled.Add(runId);
            return Task.CompletedTask;
        }
    }

    private sealed class FakeNotifier : IRunProgressNotifier
    {
        public List<Func<RunUpdate, Task>> Handlers { get; } = [];

        public IDisposable Subscribe(Guid runId, Func<RunUpdate, Task> handler)
        {
            Handlers.Add(handler);
            return new Unsubscribe(() => Handlers.Remove(handler));
        }

        public IDisposable SubscribeAll(Func<RunUpdate, Task> handler) => Subscribe(Guid.Empty, handler);

        public void Publish(RunUpdate update) => PublishAsync(update).GetAwaiter().GetResult();

        public async Task PublishAsync(RunUpdate update)
        {
            foreach (var handler in Handlers.ToList()) await handler(update);
        }

        private sealed class Unsubscribe(Action action) : IDisposable
        {
            public void Dispose() => action();
        }
    }
}

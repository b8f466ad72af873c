using EtlStudio.Data.Entities;
using EtlStudio.Web.Runs;
using EtlStudio.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace EtlStudio.Web.Tests.RunPages;

/// <summary><see cref="RunEndWait"/> on the app's real notifier and a throwaway SQLite database; its clock is a fake
/// that only the tests move, so a wake-up without moving it can only have come from a published update.</summary>
public sealed class RunEndWaitTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly ApiHost _host = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 3, 1, 2, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private IRunProgressNotifier Notifier => _host.Services.GetRequiredService<IRunProgressNotifier>();

    private readonly Lifetime _lifetime = new();

    private RunEndWait Wait => new(Notifier, _host.Contexts, _clock, _lifetime);

    [Fact]
    public async Task An_end_published_on_this_instance_wakes_the_wait_without_a_reread()
    {
        var id = await RunSeed.AddRunAsync(_host.Contexts, RunStatus.Running, Ct);
        var waiting = Wait.UntilEndedAsync(id, TimeSpan.FromSeconds(30), Ct);
        await Task.Delay(200, Ct);
        Notifier.Publish(Update(id, RunStatus.Running));
        await Task.Delay(200, Ct);
        Assert.False(waiting.IsCompleted, "a progress update is not an end");

        await EndAsync(id, RunStatus.Succeeded);
        Notifier.Publish(Update(id, RunStatus.Succeeded));

        Assert.True(await waiting.WaitAsync(Patience, Ct));
    }

    [Fact]
    public async Task A_run_ended_elsewhere_is_seen_at_the_next_reread()
    {
        var id = await RunSeed.AddRunAsync(_host.Contexts, RunStatus.Queued, Ct);
        var waiting = Wait.UntilEndedAsync(id, TimeSpan.FromMinutes(10), Ct);
        await Task.Delay(200, Ct);
        await EndAsync(id, RunStatus.Failed);
        await Task.Delay(200, Ct);
        Assert.False(waiting.IsCompleted, "nothing was published and no re-read was due");

        // Nothing published (the run executed on another instance): the re-read finds the end. Steps of the re-read
        // interval until then, far below the ten minutes, so only a re-read can end the wait with true.
        Assert.True(await AdvanceUntilDoneAsync(waiting, RunDetailData.RereadInterval));
    }

    [Fact]
    public async Task The_wait_gives_up_after_its_time_with_the_run_still_going()
    {
        var id = await RunSeed.AddRunAsync(_host.Contexts, RunStatus.Running, Ct);
        var waiting = Wait.UntilEndedAsync(id, TimeSpan.FromSeconds(5), Ct);

        Assert.False(await AdvanceUntilDoneAsync(waiting, TimeSpan.FromSeconds(1)));
        Assert.True(_clock.GetUtcNow() - new DateTimeOffset(2027, 3, 1, 2, 0, 0, TimeSpan.Zero) >= TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_stopping_app_ends_the_wait_with_the_run_still_going()
    {
        var id = await RunSeed.AddRunAsync(_host.Contexts, RunStatus.Running, Ct);
        var waiting = Wait.UntilEndedAsync(id, TimeSpan.FromSeconds(30), Ct);
        await Task.Delay(200, Ct);
        Assert.False(waiting.IsCompleted);

        await _lifetime.Stopping.CancelAsync();

        Assert.False(await waiting.WaitAsync(Patience, Ct));
    }

    [Fact]
    public async Task An_ended_or_unknown_run_does_not_wait()
    {
        var ended = await RunSeed.AddRunAsync(_host.Contexts, RunStatus.Cancelled, Ct);

        Assert.True(await Wait.UntilEndedAsync(ended, TimeSpan.FromSeconds(30), Ct).WaitAsync(Patience, Ct));
        Assert.True(await Wait.UntilEndedAsync(Guid.NewGuid(), TimeSpan.FromSeconds(30), Ct).WaitAsync(Patience, Ct));
    }

    [Fact]
    public async Task A_caller_that_goes_away_stops_the_wait_and_unsubscribes()
    {
        var id = await RunSeed.AddRunAsync(_host.Contexts, RunStatus.Running, Ct);
        using var gone = new CancellationTokenSource();
        var waiting = Wait.UntilEndedAsync(id, TimeSpan.FromSeconds(30), gone.Token);
        await Task.Delay(200, Ct);

        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience, Ct));
        var seen = 0;
        using (Notifier.Subscribe(id, _ => { Interlocked.Increment(ref seen); return Task.CompletedTask; }))
        {
            Notifier.Publish(Update(id, RunStatus.Succeeded));
            await Task.Delay(200, Ct);
        }
        Assert.Equal(1, seen);
    }

    private async Task<bool> AdvanceUntilDoneAsync(Task<bool> waiting, TimeSpan step)
    {
        var until = DateTime.UtcNow + Patience;
        while (!waiting.IsCompleted && DateTime.UtcNow < until)
        {
            _clock.Advance(step);
            await Task.WhenAny(waiting, Task.Delay(50, Ct));
        }
        return await waiting.WaitAsync(Patience, Ct);
    }

    private static RunUpdate Update(Guid id, RunStatus status) => new(id, null, status, null, 1, 1, 0, null, null, null);


    private async Task EndAsync(Guid id, RunStatus status)
    {
        await using var db = await _host.Contexts.CreateDbContextAsync(Ct);
        await db.Runs.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _lifetime.Stopping.Dispose();
        await _host.DisposeAsync();
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationTokenSource Stopping { get; } = new();
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => Stopping.Token;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() => Stopping.Cancel();
    }
}

using System.Diagnostics;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Flows;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Runs;

/// <summary>Once the app has started, walks a run's bookkeeping with a run and a flow that do not exist, so that the
/// first run after a start does not pay for EF Core compiling its queries and statements (issue #14, README
/// <i>Cold start</i>): the Hangfire job's entry, the flow lock and its live-run check, the claim, the heartbeat, the hand-off
/// look-up, and the definition of one stored flow.</summary>
/// <remarks>It calls the run path's own methods, so it warms what they run and cannot drift from them. It leaves
/// nothing behind: the reads find nothing, the conditional updates match no row, and the stored flow is only read. A
/// failure is logged, never fatal; it runs on the thread pool after start-up, so <c>/healthz</c> never waits for it.</remarks>
internal sealed class RunWarmUp(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<RunWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        var clock = Stopwatch.StartNew();
        try
        {
            await WalkAsync(stoppingToken);
            RuntimeLog.WarmedUp(logger, clock.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            RuntimeLog.WarmUpFailed(logger, e);
        }
    }

    internal async Task WalkAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        // Ids that no row has: a fresh version-7 id, and flow 0 (identity ids start at 1).
        var run = new FlowRun { Id = Guid.CreateVersion7(), FlowName = "", Status = RunStatus.Queued };
        const int NoFlow = 0;
        var recorder = provider.GetRequiredService<RunRecorder>();
        var states = provider.GetRequiredService<RunStates>();
        var orchestrator = provider.GetRequiredService<RunOrchestrator>();
        await orchestrator.ExecuteAsync(run.Id, cancellationToken);
        // The flow's lock (a lock row in the job storage, released at once) and the live-run check.
        await using (await orchestrator.AcquireAsync(run, NoFlow, cancellationToken))
        {
        }
        if (await states.ClaimAsync(run, cancellationToken)) throw new InvalidOperationException($"warm-up claimed run {run.Id}");
        await recorder.HeartbeatAsync(run.Id, default, cancellationToken);
        await recorder.QueuedJobOfFlowAsync(NoFlow, cancellationToken);
        int? flowId;
        await using (var db = await provider.GetRequiredService<IDbContextFactory<EtlDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            flowId = await db.Flows.OrderBy(f => f.Id).Select(f => (int?)f.Id).FirstOrDefaultAsync(cancellationToken);
        }
        if (flowId is { } id) await provider.GetRequiredService<FlowDefinitionFactory>().LoadAsync(id, cancellationToken);
    }
}

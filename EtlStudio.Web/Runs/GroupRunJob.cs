using System.Globalization;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Runs;
using EtlStudio.Web.Security.Authentication;
using Hangfire;
using Hangfire.Server;

namespace EtlStudio.Web.Runs;

/// <summary>A run of a group: its enabled flows, started in order, at most the group's max parallel flows at a time.
/// Each flow run is still a run of its own (own record, lock, cancel).</summary>
internal sealed class GroupRunJob(RunLauncher launcher, RunOrchestrator orchestrator)
{
    /// <summary>The target of the group's recurring job.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunScheduledAsync(int groupId, PerformContext? context, CancellationToken cancellationToken)
    {
        // Hangfire stamps the due time on jobs it creates from a schedule (unix seconds); the history shows it.
        var due = context?.GetJobParameter<long?>("Time") is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
        var by = due is null ? "schedule" : $"schedule {due.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z";
        GroupRunPlan? plan;
        using (CurrentUser.ActAs(by))
        {
            plan = await launcher.QueueGroupAsync(groupId, RunTrigger.Schedule, cancellationToken);
        }
        if (plan is not null) await ExecuteAsync([.. plan.Created], plan.MaxParallelFlows, cancellationToken);
    }

    /// <summary>Executes queued runs in the given order, <paramref name="maxParallel"/> at a time.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task ExecuteAsync(Guid[] runIds, int maxParallel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        using var gate = new SemaphoreSlim(Math.Max(1, maxParallel));
        var running = new List<Task>(runIds.Length);
        foreach (var runId in runIds)
        {
            await gate.WaitAsync(cancellationToken);
            running.Add(RunOneAsync(runId, gate, cancellationToken));
        }
        await Task.WhenAll(running);
    }

    private async Task RunOneAsync(Guid runId, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        try
        {
            await orchestrator.ExecuteAsync(runId, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }
}

using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Flows;

/// <summary>Dry runs of saved flows (issue #5): the definition is built exactly as for a real run, cursor included, and
/// the engine loads it in one transaction that it rolls back. Nothing is recorded: no run row, no rejects stored, no
/// staging, no cursor move, no failure webhook.</summary>
internal sealed partial class FlowDryRun(IDbContextFactory<EtlDbContext> contexts, FlowDefinitionFactory definitions, FlowRunner runner, ILogger<FlowDryRun> logger)
{
    /// <summary>Dry-runs flow <paramref name="flowId"/>. Configuration problems and the flow's timeout come back as a
    /// failed result; <paramref name="cancellationToken"/> (the user's Cancel) throws <see cref="OperationCanceledException"/>.</summary>
    public async Task<DryRunResult> RunAsync(int flowId, string? user, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        StoredFlow stored;
        try
        {
            stored = await definitions.LoadAsync(flowId, cancellationToken);
        }
        catch (EtlDataException e)
        {
            return Failed(e);
        }
        DryRunStarted(logger, flowId, stored.Flow.Name, user ?? "(unknown)");
        if (stored.Definition.Source is MessageSourceDefinition)
        {
            return Failed(new EtlDataException($"flow '{stored.Flow.Name}' reads from Kafka: it only runs on the messages its trigger receives, so there is nothing to dry-run"));
        }
        if (await IsRunningAsync(flowId, cancellationToken))
        {
            // The flow lock is not taken: a dry run must never make a scheduled run wait or be skipped.
            return Failed(new EtlDataException($"flow '{stored.Flow.Name}' is running now: a dry run would wait for its locks and hold them up; try again when the run has ended"));
        }
        using var timeout = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        if (stored.Flow.TimeoutSeconds is > 0 and var seconds) timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            var context = new FlowRunContext { RunId = Guid.NewGuid(), Progress = progress };
            return await runner.DryRunAsync(stored.Definition, context, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Failed(new TimeoutException($"Timed out after {stored.Flow.TimeoutSeconds} s (flow timeout); nothing was changed."));
        }
    }

    private async Task<bool> IsRunningAsync(int flowId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AnyAsync(r => r.FlowId == flowId && r.Status == RunStatus.Running, cancellationToken);
    }

    private static DryRunResult Failed(Exception error) => new() { Succeeded = false, Error = error };

    [LoggerMessage(1, LogLevel.Information, "Dry run of flow {FlowId} ({FlowName}) requested by {User}")]
    private static partial void DryRunStarted(ILogger logger, int flowId, string flowName, string user);
}

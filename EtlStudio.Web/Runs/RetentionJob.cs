using EtlStudio.Data;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Staging;
using EtlStudio.Web.Flows;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Runs;

/// <summary>Daily purge of finished runs queued more than <c>Retention:Days</c> ago: their staged files, then the
/// records (steps, rejected rows, logs and artifact rows go with them by cascade). Works in chunks so a first purge
/// of a large history does not hold one huge transaction. Then the batch ledger receipts older than the cutoff, in the
/// schema of every flow's destination table.</summary>
internal sealed class RetentionJob(IDbContextFactory<EtlDbContext> contexts, IStagingStore staging, FlowDefinitionFactory definitions, ILoaderFactory loaders,
    IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionJob> logger)
{
    public const string RecurringJobId = "etl:retention";
    private const int Chunk = 200;

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    public async Task PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.Days);
        var purged = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var ids = await db.Runs.Where(r => r.QueuedUtc < cutoff && r.Status != Data.Entities.RunStatus.Queued && r.Status != Data.Entities.RunStatus.Running)
                .OrderBy(r => r.QueuedUtc).Select(r => r.Id).Take(Chunk).ToListAsync(cancellationToken);
            if (ids.Count == 0) break;
            foreach (var id in ids)
            {
                try
                {
                    await staging.DeleteRunAsync(id, cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or Azure.RequestFailedException)
                {
                    RuntimeLog.RetentionStagingFailed(logger, id, e);
                }
            }
            // Replays point at their source run; keep the pointer from blocking the delete.
            await db.Runs.Where(r => r.ReplayOfRunId != null && ids.Contains(r.ReplayOfRunId.Value))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReplayOfRunId, (Guid?)null), cancellationToken);
            await db.RejectedRows.Where(r => ids.Contains(r.RunId)).ExecuteDeleteAsync(cancellationToken);
            await db.RunLogs.Where(r => ids.Contains(r.RunId)).ExecuteDeleteAsync(cancellationToken);
            await db.RunSteps.Where(r => ids.Contains(r.RunId)).ExecuteDeleteAsync(cancellationToken);
            await db.RunArtifacts.Where(r => ids.Contains(r.RunId)).ExecuteDeleteAsync(cancellationToken);
            purged += await db.Runs.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        }
        RuntimeLog.RetentionPurged(logger, purged, cutoff);
        await PurgeLedgersAsync(cutoff, cancellationToken);
    }

    private async Task PurgeLedgersAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        List<int> flows;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            flows = await db.Flows.Where(f => f.DestinationConnectionId != null && f.DestinationTable != null).Select(f => f.Id).ToListAsync(cancellationToken);
        }
        var done = new HashSet<(string, string)>();
        foreach (var flowId in flows)
        {
            try
            {
                var destination = (await definitions.LoadAsync(flowId, cancellationToken)).Definition.Destination;
                // One purge per database and schema is enough; the table name stands in for its schema here.
                if (!done.Add((destination.ConnectionString, destination.Table.Contains('.', StringComparison.Ordinal) ? destination.Table.Split('.')[0] : ""))) continue;
                var receipts = await loaders.Create(destination.Provider).PurgeLedgerAsync(destination, cutoff, cancellationToken);
                if (receipts > 0) RuntimeLog.LedgerPurged(logger, flowId, receipts, cutoff);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                RuntimeLog.LedgerPurgeFailed(logger, flowId, e);
            }
        }
    }
}

using System.Data.Common;
using System.Globalization;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Staging;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Runs;

/// <summary>After a run ends Failed or Cancelled: deletes its staged files when the mapped output is not complete, so a
/// run that failed on a full disk gives the space back. Nothing loads from output without <c>mapped.complete</c> (a
/// Resume reads the source again); a failed run with complete output keeps it for Resume and Replay. The run's log
/// says how much was removed.</summary>
internal sealed class IncompleteStagingCleanup(IStagingStore staging, RunRecorder recorder, ILogger<IncompleteStagingCleanup> logger)
{
    /// <summary>The engine's marker of complete mapped output (<c>StagingNames.MappedComplete</c>, internal to the engine).</summary>
    internal const string MappedComplete = "mapped.complete";

    public async Task AfterRunAsync(Guid runId, RunStatus status)
    {
        if (status is not (RunStatus.Failed or RunStatus.Cancelled)) return;
        try
        {
            var artifacts = await staging.ListAsync(runId, CancellationToken.None);
            if (artifacts.Count == 0 || artifacts.Any(a => a.Name == MappedComplete)) return;
            var bytes = artifacts.Sum(a => a.Length);
            await staging.DeleteRunAsync(runId, CancellationToken.None);
            await recorder.DeleteArtifactsAsync(runId, CancellationToken.None);
            RecoveryLog.IncompleteStagingDeleted(logger, runId, status.ToString(), artifacts.Count, bytes);
            await recorder.LogAsync(runId, LogLevel.Information, string.Create(CultureInfo.InvariantCulture,
                $"Deleted the incomplete staged output of this run: {artifacts.Count} files, {bytes} bytes removed (without {MappedComplete} nothing can load from it)."),
                CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Azure.RequestFailedException or DbException or DbUpdateException)
        {
            // Retention deletes the files later; the run's outcome is recorded already.
            RecoveryLog.IncompleteStagingNotDeleted(logger, runId, e);
        }
    }
}

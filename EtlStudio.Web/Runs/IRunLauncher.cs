using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Runs;

/// <summary>Starts, cancels and resumes runs. Used by the portal, the REST API and the schedules alike, so
/// "Run now" behaves the same everywhere. Runs are Hangfire jobs; this never runs a flow in the caller. The acting
/// user is the current one (<see cref="Security.Authentication.CurrentUser"/>), never a parameter.</summary>
public interface IRunLauncher
{
    /// <summary>Queues a run of a flow and returns its run id. When the flow already has a Queued run, that run's id
    /// is returned instead (pressing twice does not start two runs).</summary>
    Task<Guid> RunFlowAsync(int flowId, RunTrigger trigger, CancellationToken cancellationToken);

    /// <summary>Queues a run of a group (its enabled flows in order, up to its max parallel flows) and returns the
    /// run ids created.</summary>
    Task<IReadOnlyList<Guid>> RunGroupAsync(int groupId, RunTrigger trigger, CancellationToken cancellationToken);

    /// <summary>Queues a new run that finishes the load of <paramref name="runId"/> (failed, cancelled or abandoned):
    /// it loads only what that load did not commit, from its staged output when it can, else from the source, so the
    /// destination ends with every row once. Throws <see cref="InvalidOperationException"/> when the run is still going
    /// or succeeded, or its flow was deleted.</summary>
    Task<Guid> ResumeAsync(Guid runId, CancellationToken cancellationToken);

    /// <summary>Asks a queued or running run to stop; it ends as Cancelled within seconds.</summary>
    Task CancelAsync(Guid runId, CancellationToken cancellationToken);
}

namespace EtlStudio.Data.Entities;

public static class RunStatusExtensions
{
    /// <summary>Whether a run in this status has ended (its counts and outcome are final).</summary>
    public static bool HasEnded(this RunStatus status) => status is not (RunStatus.Queued or RunStatus.Running);
}

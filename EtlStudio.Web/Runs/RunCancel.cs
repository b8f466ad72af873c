namespace EtlStudio.Web.Runs;

/// <summary>What a Cancel did.</summary>
internal enum RunCancel
{
    /// <summary>The run had ended or does not exist.</summary>
    NotActive,
    /// <summary>The run was Queued and is now Cancelled.</summary>
    EndedQueued,
    /// <summary>The run is Running and was asked to stop; its executor ends it as Cancelled.</summary>
    RequestedRunning,
}

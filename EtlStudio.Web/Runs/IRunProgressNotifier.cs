using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Runs;

/// <summary>A live view of a run, published as it progresses (at most a few times per second).</summary>
public sealed record RunUpdate(
    Guid RunId, int? FlowId, RunStatus Status, string? Step,
    long RowsRead, long RowsWritten, long RowsRejected,
    DateTime? StartedUtc, DateTime? EndedUtc, string? Error);

/// <summary>In-process publish/subscribe of run updates (singleton). Components subscribe after first render and
/// dispose the subscription. Runs executing on another instance are not seen here: pages also re-read the run
/// record periodically.</summary>
public interface IRunProgressNotifier
{
    /// <summary>Receives updates of one run.</summary>
    IDisposable Subscribe(Guid runId, Func<RunUpdate, Task> handler);

    /// <summary>Receives updates of every run (dashboard).</summary>
    IDisposable SubscribeAll(Func<RunUpdate, Task> handler);

    /// <summary>Publishes an update to the subscribers.</summary>
    void Publish(RunUpdate update);
}

namespace EtlStudio.Web.Runs;

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

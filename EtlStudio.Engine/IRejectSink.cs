namespace EtlStudio.Engine;

/// <summary>Receives rejected rows as they happen (the runtime stores them with the run).</summary>
public interface IRejectSink
{
    /// <summary>Records one rejected row.</summary>
    ValueTask AddAsync(RejectedRow row, CancellationToken cancellationToken);
}

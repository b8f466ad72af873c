namespace EtlStudio.Engine;

/// <summary>Receives rejected rows as they happen (the runtime stores them with the run).</summary>
public interface IRejectSink
{
    /// <summary>Records one rejected row.</summary>
    ValueTask AddAsync(RejectedRow row, CancellationToken cancellationToken);

    /// <summary>Makes what was added so far durable. The engine calls it before it writes each batch, so every reject
    /// a committed batch's ledger receipt covers is stored before the receipt: a later attempt that skips the covered
    /// records (and so does not reject them again) loses none of them.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

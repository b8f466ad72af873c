namespace EtlStudio.Engine.Pipeline;

/// <summary>Keeps the first rejected rows of a run and passes every one on to the caller's sink, if any.</summary>
internal sealed class RejectSample(IRejectSink? next, int capacity) : IRejectSink
{
    private readonly List<RejectedRow> _rows = [];

    public IReadOnlyList<RejectedRow> Rows => _rows;

    public ValueTask AddAsync(RejectedRow row, CancellationToken cancellationToken)
    {
        // No lock: the producer and the load lanes both reject through RejectGate, which hands rows on one at a time.
        if (_rows.Count < capacity) _rows.Add(row);
        return next?.AddAsync(row, cancellationToken) ?? ValueTask.CompletedTask;
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken) => next?.FlushAsync(cancellationToken) ?? ValueTask.CompletedTask;
}

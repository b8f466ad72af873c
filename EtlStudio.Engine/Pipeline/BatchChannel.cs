using System.Threading.Channels;
using EtlStudio.Engine.Loading;

namespace EtlStudio.Engine.Pipeline;

/// <summary>Hands full batches from the producer to the load lanes. The channel holds one batch, so at most
/// <c>lanes + 2</c> batch buffers exist (one filling, one queued, one loading per lane) and are recycled: memory stays
/// flat however large the source.</summary>
internal sealed class BatchChannel
{
    private readonly Channel<RowBatch> _full = Channel.CreateBounded<RowBatch>(new BoundedChannelOptions(1) { SingleReader = false, SingleWriter = true });
    private readonly Channel<RowBatch> _free = Channel.CreateUnbounded<RowBatch>();
    private readonly int _batchSize;
    private RowBatch _buffers;
    private int _count;

    public BatchChannel(int batchSize, int width, int lanes)
    {
        _batchSize = Math.Max(1, batchSize);
        for (var i = 0; i < lanes + 2; i++)
        {
            var rows = new object?[_batchSize][];
            for (var r = 0; r < rows.Length; r++) rows[r] = new object?[width];
            // Each row's origin and record travel beside its values, so a loader error can name the source row.
            _free.Writer.TryWrite(new RowBatch(rows, 0, new string?[_batchSize], new long[_batchSize]));
        }
        _free.Reader.TryRead(out _buffers);
    }

    /// <summary>The row buffer to fill next; it becomes part of the batch only after <see cref="AcceptAsync"/>.</summary>
    public object?[] Current => _buffers.Rows[_count];

    public ChannelReader<RowBatch> Batches => _full.Reader;

    /// <summary>Makes <see cref="Current"/> a row of the batch, read from record <paramref name="record"/> of
    /// <paramref name="origin"/> (the reader's own string: stored by reference, not copied).</summary>
    public ValueTask AcceptAsync(string origin, long record, CancellationToken cancellationToken)
    {
        _buffers.Origins![_count] = origin;
        _buffers.Records![_count] = record;
        return ++_count == _batchSize ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_count == 0) return;
        cancellationToken.ThrowIfCancellationRequested();
        await _full.Writer.WriteAsync(_buffers with { Count = _count }, cancellationToken);
        _buffers = await _free.Reader.ReadAsync(cancellationToken);
        _count = 0;
    }

    /// <summary>Takes back a batch once it is written, so its row arrays are reused: whoever wrote it must not keep them.</summary>
    public void Recycle(RowBatch batch)
    {
        // Drop the loaded values now: kept until the producer overwrites them, they would survive a collection or two
        // and be promoted, growing the old generations with data that is already in the database.
        for (var r = 0; r < batch.Count; r++) Array.Clear(batch.Rows[r]);
        _free.Writer.TryWrite(batch);
    }

    public void Complete(Exception? error = null) => _full.Writer.TryComplete(error);
}

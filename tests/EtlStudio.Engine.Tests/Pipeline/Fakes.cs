using System.Runtime.CompilerServices;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Ledger;
using EtlStudio.Engine.Parsing;
using EtlStudio.Engine.Sources;

namespace EtlStudio.Engine.Tests.Pipeline;

/// <summary>Documents from memory (or from a factory, for endless streams) and query readers.</summary>
internal sealed class FakeSources : ISourceFactory, IDocumentSource
{
    public List<(string Name, Func<Stream> Open)> Documents { get; } = [];
    public Func<IRecordReader>? Query { get; init; }

    public FakeSources Add(string name, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        Documents.Add((name, () => new MemoryStream(bytes)));
        return this;
    }

    public IDocumentSource CreateDocumentSource(SourceDefinition source, ParseDefinition parse) => this;

    public Task<IRecordReader> OpenQueryAsync(DatabaseSourceDefinition source, CancellationToken cancellationToken) =>
        Task.FromResult(Query!());

    public async IAsyncEnumerable<SourceDocument> GetDocumentsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (name, open) in Documents)
        {
            await Task.Yield();
            yield return new SourceDocument(name, open());
        }
    }
}

/// <summary>A loader that keeps what it is given, with the commit rules of the real ones: Append commits each
/// batch, TruncateReplace commits everything at Complete, and disposing without completing rolls back. Thread-safe, as
/// Append may run several sessions at once. It keeps a batch ledger in memory like the real ones: receipts commit with
/// their batch (with the whole load for TruncateReplace and atomic loads).</summary>
internal sealed class FakeLoader : ILoaderFactory, IDestinationLoader
{
    private int _batchesStarted;

    public IReadOnlyList<string> Problems { get; init; } = [];
    public List<object?[]> Committed { get; } = [];
    public List<object?[]> Received { get; } = [];
    public int BatchesWritten { get; private set; }
    public int Sessions { get; private set; }
    public int Completions { get; private set; }
    public int Disposals { get; private set; }
    public IReadOnlyList<TargetColumn>? Columns { get; private set; }
    /// <summary>Committed receipts with their flow and load.</summary>
    public List<(string Flow, string Load, BatchReceipt Receipt)> Ledger { get; } = [];

    /// <summary>Runs inside each WriteBatchAsync, before the batch counts as written, with the number of the call
    /// (1 for the first batch any session started).</summary>
    public Func<int, CancellationToken, Task>? OnBatch { get; init; }

    public IDestinationLoader Create(DatabaseProvider provider) => this;

    public Task<DestinationCheckResult> CheckAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, CancellationToken cancellationToken) =>
        Task.FromResult(new DestinationCheckResult(Problems));

    public Task<ILoadSession> BeginAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, LoadLedger? ledger, CancellationToken cancellationToken)
    {
        lock (this)
        {
            Columns = columns;
            Sessions++;
        }
        return Task.FromResult<ILoadSession>(new Session(this, destination.Mode, ledger));
    }

    public Task<CommittedRanges> OpenLedgerAsync(DestinationDefinition destination, LoadLedger ledger, CancellationToken cancellationToken)
    {
        lock (this) return Task.FromResult(new CommittedRanges([.. Ledger.Where(r => r.Flow == ledger.Flow && r.Load == ledger.Load).Select(r => r.Receipt)]));
    }

    public Task<int> PurgeLedgerAsync(DestinationDefinition destination, DateTime before, CancellationToken cancellationToken) => Task.FromResult(0);

    private sealed class Session(FakeLoader owner, LoadMode mode, LoadLedger? ledger) : ILoadSession
    {
        private readonly List<object?[]> _pending = [];
        private readonly List<BatchReceipt> _pendingReceipts = [];
        private bool _completed;

        public bool CanRewriteRefusedBatch => true;

        private bool Whole => mode == LoadMode.TruncateReplace || ledger?.IsAtomic == true;

        public async Task WriteBatchAsync(RowBatch batch, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = Interlocked.Increment(ref owner._batchesStarted);
            if (owner.OnBatch is { } hook) await hook(n, cancellationToken);
            // The pipeline recycles row buffers after the call: copy, as a real loader writes them out.
            var rows = batch.Rows.Take(batch.Count).Select(r => (object?[])r.Clone()).ToList();
            var receipts = ledger is { IsAtomic: false } ? BatchReceipt.Of(batch) : [];
            lock (owner)
            {
                owner.Received.AddRange(rows);
                if (Whole)
                {
                    _pending.AddRange(rows);
                    _pendingReceipts.AddRange(receipts);
                }
                else
                {
                    owner.Committed.AddRange(rows);
                    owner.Ledger.AddRange(receipts.Select(r => (ledger!.Flow, ledger.Load, r)));
                }
                owner.BatchesWritten++;
            }
        }

        public Task CompleteAsync(CancellationToken cancellationToken)
        {
            lock (owner)
            {
                owner.Committed.AddRange(_pending);
                if (ledger is not null) owner.Ledger.AddRange(_pendingReceipts.Concat(ledger.Whole ?? []).Select(r => (ledger.Flow, ledger.Load, r)));
                owner.Completions++;
            }
            _completed = true;
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            if (!_completed)
            {
                _pending.Clear();
                _pendingReceipts.Clear();
            }
            lock (owner) owner.Disposals++;
            return ValueTask.CompletedTask;
        }
    }
}

internal sealed class ListRejects : IRejectSink
{
    public List<RejectedRow> Rows { get; } = [];

    public ValueTask AddAsync(RejectedRow row, CancellationToken cancellationToken)
    {
        lock (Rows) Rows.Add(row);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Records reports as they are made (<see cref="Progress{T}"/> would post them later).</summary>
internal sealed class ListProgress : IProgress<RunProgress>
{
    public List<RunProgress> Reports { get; } = [];

    public void Report(RunProgress value)
    {
        lock (Reports) Reports.Add(value);
    }
}

/// <summary>A CSV that never ends: <c>id,name</c> then one row per id.</summary>
internal sealed class EndlessCsvStream : Stream
{
    private byte[] _pending = "id,name\n"u8.ToArray();
    private int _offset;
    private long _next = 1;

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_offset == _pending.Length)
        {
            _pending = System.Text.Encoding.UTF8.GetBytes($"{_next},name {_next}\n");
            _next++;
            _offset = 0;
        }
        var n = Math.Min(count, _pending.Length - _offset);
        Array.Copy(_pending, _offset, buffer, offset, n);
        _offset += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

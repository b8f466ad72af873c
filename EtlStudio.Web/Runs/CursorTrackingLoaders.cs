using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Ledger;

namespace EtlStudio.Web.Runs;

/// <summary>Wraps the loaders of one run to learn the largest value written into the cursor column, without the
/// engine knowing about cursors: a batch counts once its write returned (for TruncateReplace the caller uses the
/// value only when the run committed as a whole).</summary>
internal sealed class CursorTrackingLoaders(ILoaderFactory inner, string cursorColumn) : ILoaderFactory
{
    private readonly Lock _gate = new();
    private IComparable? _max;

    /// <summary>Largest value written so far, or null when no row had one.</summary>
    public object? Max
    {
        get { lock (_gate) return _max; }
    }

    public IDestinationLoader Create(DatabaseProvider provider) => new Loader(inner.Create(provider), this);

    private void Observe(RowBatch batch, int column)
    {
        IComparable? max = null;
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch.Rows[i][column] is IComparable value && (max is null || value.CompareTo(max) > 0)) max = value;
        }
        if (max is null) return;
        lock (_gate)
        {
            if (_max is null || max.CompareTo(_max) > 0) _max = max;
        }
    }

    private sealed class Loader(IDestinationLoader inner, CursorTrackingLoaders owner) : IDestinationLoader
    {
        public Task<DestinationCheckResult> CheckAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, CancellationToken cancellationToken) =>
            inner.CheckAsync(destination, columns, cancellationToken);

        public Task<CommittedRanges> OpenLedgerAsync(DestinationDefinition destination, LoadLedger ledger, CancellationToken cancellationToken) =>
            inner.OpenLedgerAsync(destination, ledger, cancellationToken);

        public Task<int> PurgeLedgerAsync(DestinationDefinition destination, DateTime before, CancellationToken cancellationToken) =>
            inner.PurgeLedgerAsync(destination, before, cancellationToken);

        public Task<SchemaPlan> PlanAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, IReadOnlyList<string>? sourceFields,
            UnmappedFieldPolicy policy, CancellationToken cancellationToken) =>
            inner.PlanAsync(destination, columns, sourceFields, policy, cancellationToken);

        public Task ApplyAsync(DestinationDefinition destination, SchemaPlan plan, CancellationToken cancellationToken) =>
            inner.ApplyAsync(destination, plan, cancellationToken);

        public async Task<ILoadSession> BeginAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, LoadLedger? ledger, CancellationToken cancellationToken)
        {
            var index = -1;
            for (var i = 0; i < columns.Count && index < 0; i++)
            {
                if (string.Equals(columns[i].Name, owner.CursorColumn, StringComparison.OrdinalIgnoreCase)) index = i;
            }
            var session = await inner.BeginAsync(destination, columns, ledger, cancellationToken);
            return index < 0 ? session : new Session(session, owner, index);
        }
    }

    private string CursorColumn => cursorColumn;

    private sealed class Session(ILoadSession inner, CursorTrackingLoaders owner, int column) : ILoadSession
    {
        public async Task WriteBatchAsync(RowBatch batch, CancellationToken cancellationToken)
        {
            await inner.WriteBatchAsync(batch, cancellationToken);
            owner.Observe(batch, column);
        }

        public Task CompleteAsync(CancellationToken cancellationToken) => inner.CompleteAsync(cancellationToken);

        public LoadCounts Counts => inner.Counts;

        public bool CanRewriteRefusedBatch => inner.CanRewriteRefusedBatch;

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Ledger;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>The real loaders, counting the load sessions they open. With <c>overlap</c> above 1, each session's first
/// batch waits until that many sessions are writing at once, so a run that does not get that many lanes never
/// finishes (bound the run to keep a broken build from hanging the suite).</summary>
internal sealed class WatchedLoaders(ILoaderFactory inner, int overlap = 1) : ILoaderFactory
{
    private readonly TaskCompletionSource _together = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sessions;
    private int _writing;

    private int Overlap => overlap;

    public int Sessions => Volatile.Read(ref _sessions);

    public IDestinationLoader Create(DatabaseProvider provider) => new Loader(inner.Create(provider), this);

    private sealed class Loader(IDestinationLoader inner, WatchedLoaders owner) : IDestinationLoader
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
            Interlocked.Increment(ref owner._sessions);
            return new Session(await inner.BeginAsync(destination, columns, ledger, cancellationToken), owner);
        }
    }

    private sealed class Session(ILoadSession inner, WatchedLoaders owner) : ILoadSession
    {
        private bool _started;

        public LoadCounts Counts => inner.Counts;

        public bool CanRewriteRefusedBatch => inner.CanRewriteRefusedBatch;

        public async Task WriteBatchAsync(RowBatch batch, CancellationToken cancellationToken)
        {
            if (!_started)
            {
                _started = true;
                if (Interlocked.Increment(ref owner._writing) >= owner.Overlap) owner._together.TrySetResult();
                await owner._together.Task.WaitAsync(cancellationToken);
            }
            await inner.WriteBatchAsync(batch, cancellationToken);
        }

        public Task CompleteAsync(CancellationToken cancellationToken) => inner.CompleteAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

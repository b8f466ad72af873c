using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Ledger;

namespace EtlStudio.Benchmarks.Csv;

/// <summary>The real loaders with the batch ledger left out (no receipts read or written), so one build measures what the
/// ledger costs: the child uses it when <c>ETLSTUDIO_BENCH_LEDGER=off</c>. Never for real loads.</summary>
internal sealed class NoLedgerLoaders(ILoaderFactory inner) : ILoaderFactory
{
    public const string Switch = "ETLSTUDIO_BENCH_LEDGER";

    public static bool Off => string.Equals(Environment.GetEnvironmentVariable(Switch), "off", StringComparison.OrdinalIgnoreCase);

    public IDestinationLoader Create(DatabaseProvider provider) => new Loader(inner.Create(provider));

    private sealed class Loader(IDestinationLoader inner) : IDestinationLoader
    {
        public Task<DestinationCheckResult> CheckAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, CancellationToken cancellationToken) =>
            inner.CheckAsync(destination, columns, cancellationToken);

        public Task<ILoadSession> BeginAsync(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, LoadLedger? ledger, CancellationToken cancellationToken) =>
            inner.BeginAsync(destination, columns, null, cancellationToken);

        public Task<CommittedRanges> OpenLedgerAsync(DestinationDefinition destination, LoadLedger ledger, CancellationToken cancellationToken) =>
            Task.FromResult(CommittedRanges.None);

        public Task<int> PurgeLedgerAsync(DestinationDefinition destination, DateTime before, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}

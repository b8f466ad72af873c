using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Staging;

namespace EtlStudio.Engine.Pipeline;

/// <summary>Stages each batch of mapped rows on the loader's side of the channel, which has spare time while the
/// producer parses and maps, and marks the output complete once the producer finished.</summary>
internal sealed class MappedStaging(IMappedRowWriter writer, IStagingStore store, Guid runId) : IAsyncDisposable
{
    public static async Task<MappedStaging> OpenAsync(IStagingStore store, Guid runId, IReadOnlyList<TargetColumn> columns, StagingFormat format, CancellationToken cancellationToken) =>
        new(await StagedMappedRows.CreateAsync(store, runId, columns, format, cancellationToken), store, runId);

    public async Task WriteAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            var (origin, record) = batch.SourceOf(i);
            await writer.WriteAsync(batch.Rows[i], origin ?? "", record ?? i + 1, cancellationToken);
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await writer.CompleteAsync(cancellationToken);
        await using var marker = await store.OpenWriteAsync(runId, StagingNames.MappedComplete, cancellationToken);
        await marker.WriteAsync("complete\n"u8.ToArray(), cancellationToken);
    }

    public ValueTask DisposeAsync() => writer.DisposeAsync();
}

using EtlStudio.Engine.Loading;

namespace EtlStudio.Engine.Staging;

/// <summary>A run's staged mapped output in either <see cref="StagingFormat"/>: written in the format the run was set
/// to, read in the format its artifact has (found by name, checked by the reader), so output staged before a change of
/// <c>Staging:Format</c> still replays.</summary>
internal static class StagedMappedRows
{
    /// <summary>The artifact name of <paramref name="format"/>.</summary>
    public static string NameOf(StagingFormat format) => format == StagingFormat.Parquet ? StagingNames.MappedParquet : StagingNames.Mapped;

    /// <summary>Creates the run's mapped output artifact.</summary>
    public static async Task<IMappedRowWriter> CreateAsync(IStagingStore store, Guid runId, IReadOnlyList<TargetColumn> columns, StagingFormat format, CancellationToken cancellationToken)
    {
        var stream = await store.OpenWriteAsync(runId, NameOf(format), cancellationToken);
        try
        {
            return format == StagingFormat.Parquet ? new ParquetRowWriter(stream, columns) : new MappedRowWriter(stream, columns);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>Name of the run's mapped output artifact (<c>mapped.parquet</c> or <c>mapped.ndjson</c>); null when
    /// it has none.</summary>
    public static async Task<string?> FindAsync(IStagingStore store, Guid runId, CancellationToken cancellationToken)
    {
        var artifacts = await store.ListAsync(runId, cancellationToken);
        return artifacts.Select(a => a.Name).FirstOrDefault(n => n is StagingNames.MappedParquet)
               ?? artifacts.Select(a => a.Name).FirstOrDefault(n => n is StagingNames.Mapped);
    }

    /// <summary>Opens artifact <paramref name="name"/> (from <see cref="FindAsync"/>) of run <paramref name="runId"/>;
    /// <paramref name="origin"/> names it in errors. Throws <see cref="FileNotFoundException"/> when it is absent.</summary>
    public static async Task<IMappedRowReader> OpenAsync(IStagingStore store, Guid runId, string name, string origin, CancellationToken cancellationToken)
    {
        var stream = await store.OpenReadAsync(runId, name, cancellationToken);
        return name == StagingNames.MappedParquet
            ? await ParquetRowReader.OpenAsync(stream, origin, cancellationToken)
            : await MappedRowReader.OpenAsync(stream, origin, cancellationToken);
    }
}

namespace EtlStudio.Engine.Staging;

/// <summary>Writes a run's mapped rows to staging, streaming, in one <see cref="StagingFormat"/>.</summary>
internal interface IMappedRowWriter : IAsyncDisposable
{
    /// <summary>Writes a row read from record <paramref name="record"/> of <paramref name="origin"/>; the row array may be
    /// reused by the caller once this returns.</summary>
    ValueTask WriteAsync(object?[] row, string origin, long record, CancellationToken cancellationToken);

    /// <summary>Ends the artifact so it reads as whole; an artifact never completed reads as incomplete.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}

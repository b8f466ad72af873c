namespace EtlStudio.Engine.Staging;

/// <summary>Where intermediate data of runs is kept so a failed load can be replayed.</summary>
public interface IStagingStore
{
    /// <summary>Creates (or replaces) an artifact of a run and returns a stream to write it.</summary>
    Task<Stream> OpenWriteAsync(Guid runId, string name, CancellationToken cancellationToken);

    /// <summary>Opens an artifact of a run for reading. Throws <see cref="FileNotFoundException"/> naming it when absent.</summary>
    Task<Stream> OpenReadAsync(Guid runId, string name, CancellationToken cancellationToken);

    /// <summary>Artifacts of a run.</summary>
    Task<IReadOnlyList<StagedArtifact>> ListAsync(Guid runId, CancellationToken cancellationToken);

    /// <summary>Deletes all artifacts of a run.</summary>
    Task DeleteRunAsync(Guid runId, CancellationToken cancellationToken);
}

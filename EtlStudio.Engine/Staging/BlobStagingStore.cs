using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace EtlStudio.Engine.Staging;

/// <summary>Staging in an Azure Blob container: block blobs named <c>&lt;runId&gt;/&lt;name&gt;</c>, written as they
/// stream (staged block upload), so nothing is buffered whole.</summary>
public sealed class BlobStagingStore : IStagingStore
{
    private readonly BlobContainerClient _container;
    private readonly Lock _gate = new();
    private Task? _created;

    /// <summary>Uses <paramref name="container"/>, creating it on first write when missing.</summary>
    public BlobStagingStore(BlobContainerClient container)
    {
        _container = container;
    }

    /// <summary>Connects with a storage connection string to <paramref name="containerName"/>.</summary>
    public BlobStagingStore(string connectionString, string containerName)
        : this(new BlobContainerClient(connectionString, containerName))
    {
    }

    /// <inheritdoc />
    public async Task<Stream> OpenWriteAsync(Guid runId, string name, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var blob = _container.GetBlockBlobClient(BlobName(runId, name));
        return await blob.OpenWriteAsync(overwrite: true, new BlockBlobOpenWriteOptions { BufferSize = 4 * 1024 * 1024 }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(Guid runId, string name, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(BlobName(runId, name));
        try
        {
            return await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"staged artifact '{name}' of run {runId} not found", blob.Uri.ToString(), e);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StagedArtifact>> ListAsync(Guid runId, CancellationToken cancellationToken)
    {
        var prefix = Prefix(runId);
        var list = new List<StagedArtifact>();
        try
        {
            await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
            {
                list.Add(new StagedArtifact(item.Name[prefix.Length..], _container.GetBlobClient(item.Name).Uri.ToString(), item.Properties.ContentLength ?? 0));
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
        return [.. list.OrderBy(a => a.Name, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task DeleteRunAsync(Guid runId, CancellationToken cancellationToken)
    {
        foreach (var artifact in await ListAsync(runId, cancellationToken))
        {
            await _container.DeleteBlobIfExistsAsync(Prefix(runId) + artifact.Name, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Creates the container once per store; an attempt that failed is not kept, so a transient storage error
    /// fails the runs that met it, not every later one until the process restarts. The attempt is shared by every
    /// caller, so it runs under no caller's token: each caller stops waiting on its own.</summary>
    private Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_created is null || _created.IsFaulted)
            {
                _created = _container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            }
            return _created.WaitAsync(cancellationToken);
        }
    }

    private static string Prefix(Guid runId) => runId.ToString("D") + "/";

    private static string BlobName(Guid runId, string name) => Prefix(runId) + StagingNames.Check(name);
}

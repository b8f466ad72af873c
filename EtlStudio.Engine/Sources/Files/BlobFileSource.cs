using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.FileSystemGlobbing;

namespace EtlStudio.Engine.Sources.Files;

/// <summary>Blobs of a container whose names match the glob, each downloaded as one forward stream.</summary>
/// <remarks>Documents are named by the blob URI without its query, so a SAS token in the connection string never
/// reaches messages, rejects or logs.</remarks>
internal sealed class BlobFileSource(FileSourceDefinition definition) : IDocumentSource
{
    public async IAsyncEnumerable<SourceDocument> GetDocumentsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var container = new BlobContainerClient(definition.BlobConnectionString, definition.Location);
        var containerName = WithoutQuery(container.Uri);
        IReadOnlyList<string> names = definition.Files ?? await MatchingNamesAsync(container, containerName, cancellationToken);
        if (names.Count == 0)
        {
            throw FileGlob.NoMatch(definition.Pattern, containerName);
        }
        foreach (var name in names)
        {
            var blob = container.GetBlobClient(name);
            var uri = WithoutQuery(blob.Uri);
            yield return new SourceDocument(uri, await DownloadAsync(blob, uri, cancellationToken));
        }
    }

    /// <summary>What <see cref="GetDocumentsAsync"/> would read, without downloading it.</summary>
    internal async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var container = new BlobContainerClient(definition.BlobConnectionString, definition.Location);
        var containerName = WithoutQuery(container.Uri);
        var names = await MatchingNamesAsync(container, containerName, cancellationToken);
        return names.Count == 0 ? throw FileGlob.NoMatch(definition.Pattern, containerName) : names;
    }

    // Listing (not an existence check) finds a missing container: a read/list SAS may not read container properties.
    private async Task<List<string>> MatchingNamesAsync(BlobContainerClient container, string containerName, CancellationToken cancellationToken)
    {
        var all = new List<string>();
        var options = new GetBlobsOptions { Prefix = FileGlob.LiteralPrefix(definition.Pattern) };
        try
        {
            await foreach (var item in container.GetBlobsAsync(options, cancellationToken))
            {
                all.Add(item.Name);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new EtlDataException($"container '{containerName}' does not exist", e);
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403)
        {
            throw new EtlDataException($"listing container '{containerName}' was refused ({e.Status} {e.ErrorCode})", e);
        }
        return FileGlob.Create(definition.Pattern).Match(all).Files
            .Select(f => f.Path)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static async Task<Stream> DownloadAsync(BlobClient blob, string uri, CancellationToken cancellationToken)
    {
        try
        {
            var response = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            return response.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new EtlDataException($"blob '{uri}' disappeared before it was read", e);
        }
    }

    private static string WithoutQuery(Uri uri) => uri.GetLeftPart(UriPartial.Path);
}

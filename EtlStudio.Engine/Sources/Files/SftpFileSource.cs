using System.Runtime.CompilerServices;
using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.FileSystemGlobbing;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace EtlStudio.Engine.Sources.Files;

/// <summary>Files in a folder on an SFTP server whose paths (relative to the folder) match the glob, in ordinal order
/// like the local source, each read as one forward stream over one SSH session.</summary>
/// <remarks>Documents are named <c>sftp://host/path</c>; the user and credentials never appear in them.</remarks>
internal sealed class SftpFileSource(FileSourceDefinition definition) : IDocumentSource
{
    /// <summary>Most entries a listing walks (all subfolders under the glob's literal prefix).</summary>
    internal const int MaxListedEntries = 100_000;

    private SftpEndpoint Endpoint => definition.Sftp ?? throw new InvalidOperationException("Not an SFTP source.");

    public async IAsyncEnumerable<SourceDocument> GetDocumentsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var endpoint = Endpoint;
        using var client = await SftpConnector.ConnectAsync(endpoint, cancellationToken);
        var folder = SftpConnector.Folder(definition.Location);
        var root = folder == "." ? client.WorkingDirectory : folder.StartsWith('/') ? folder : $"{client.WorkingDirectory.TrimEnd('/')}/{folder}";
        IReadOnlyList<string> paths = definition.Files ?? await MatchingPathsAsync(client, endpoint, root, cancellationToken);
        if (paths.Count == 0)
        {
            throw FileGlob.NoMatch(definition.Pattern, endpoint.Address(root));
        }
        foreach (var relative in paths)
        {
            var path = Join(root, relative);
            yield return new SourceDocument(endpoint.Address(path), await OpenAsync(client, endpoint, path, cancellationToken)) { RemotePath = path };
        }
    }

    /// <summary>What <see cref="GetDocumentsAsync"/> would read, without opening it.</summary>
    internal async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var endpoint = Endpoint;
        using var client = await SftpConnector.ConnectAsync(endpoint, cancellationToken);
        var folder = SftpConnector.Folder(definition.Location);
        var root = folder == "." ? client.WorkingDirectory : folder.StartsWith('/') ? folder : $"{client.WorkingDirectory.TrimEnd('/')}/{folder}";
        var paths = await MatchingPathsAsync(client, endpoint, root, cancellationToken);
        return paths.Count == 0 ? throw FileGlob.NoMatch(definition.Pattern, endpoint.Address(root)) : paths;
    }

    /// <summary>Paths relative to <paramref name="root"/> of the regular files the glob matches, ordinal order.</summary>
    internal async Task<List<string>> MatchingPathsAsync(SftpClient client, SftpEndpoint endpoint, string root, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        var prefix = FileGlob.LiteralPrefix(definition.Pattern).TrimEnd('/');
        try
        {
            if (!await client.ExistsAsync(root, cancellationToken)) throw SftpConnector.MissingFolder(endpoint, root, new SftpPathNotFoundException(root));
        }
        catch (SftpPermissionDeniedException e)
        {
            throw new EtlDataException($"{endpoint.Address(root)}: permission denied", e);
        }
        var pending = new Queue<string>([prefix]);
        var seen = 0;
        while (pending.TryDequeue(out var relativeFolder))
        {
            var absolute = relativeFolder.Length == 0 ? root : Join(root, relativeFolder);
            try
            {
                await foreach (var entry in client.ListDirectoryAsync(absolute, cancellationToken))
                {
                    if (entry.Name is "." or "..") continue;
                    if (++seen > MaxListedEntries)
                    {
                        throw new EtlDataException($"{endpoint.Address(root)} holds more than {MaxListedEntries:N0} entries under '{prefix}': narrow the file pattern");
                    }
                    var relative = relativeFolder.Length == 0 ? entry.Name : $"{relativeFolder}/{entry.Name}";
                    if (entry.IsDirectory) pending.Enqueue(relative);
                    else if (entry.IsRegularFile) files.Add(relative);
                }
            }
            catch (SftpPathNotFoundException) when (relativeFolder.Length > 0)
            {
                // The pattern's literal folder does not exist: nothing matches, reported below as no match.
            }
            catch (SftpPermissionDeniedException e)
            {
                throw new EtlDataException($"{endpoint.Address(absolute)}: permission denied", e);
            }
        }
        return FileGlob.Create(definition.Pattern).Match(files).Files
            .Select(f => f.Path)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    internal static string Join(string root, string relative) => root == "/" ? "/" + relative : $"{root.TrimEnd('/')}/{relative}";

    private static async Task<Stream> OpenAsync(SftpClient client, SftpEndpoint endpoint, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await client.OpenAsync(path, FileMode.Open, FileAccess.Read, cancellationToken);
        }
        catch (SftpPathNotFoundException e)
        {
            throw new EtlDataException($"file '{endpoint.Address(path)}' disappeared before it was read", e);
        }
        catch (SftpPermissionDeniedException e)
        {
            throw new EtlDataException($"file '{endpoint.Address(path)}': permission denied", e);
        }
    }
}

using EtlStudio.Engine.Definitions;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace EtlStudio.Engine.Sources.Files;

/// <summary>Deletes or moves, on the SFTP server, the files a run read, once its load has committed
/// (<see cref="FileSourceDefinition.AfterLoad"/>).</summary>
/// <remarks>Only the paths given are touched (never a new listing of the folder), so a file that arrived during the run
/// stays. Nothing here throws for a file: a delete or move that fails is a warning naming the file and the reason, since
/// the load it follows has committed and must not be failed or repeated.</remarks>
public static class SftpAfterLoad
{
    /// <summary>Applies <paramref name="source"/>'s after-load action to <paramref name="filesRead"/> (absolute server
    /// paths, as <c>FlowRunResult.FilesRead</c> lists them) and reports each file's fate to <paramref name="log"/>.</summary>
    /// <remarks>A name clash in the move folder gets the time <paramref name="now"/> as a suffix (and a warning).</remarks>
    /// <returns>How many files were deleted or moved.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public static async Task<int> ApplyAsync(FileSourceDefinition source, IReadOnlyList<string> filesRead, IRunLog log, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(filesRead);
        ArgumentNullException.ThrowIfNull(log);
        if (source.AfterLoad == AfterLoadAction.Keep || source.Sftp is not { } endpoint || filesRead.Count == 0) return 0;
        SftpClient client;
        try
        {
            client = await SftpConnector.ConnectAsync(endpoint, cancellationToken);
        }
        catch (EtlDataException e)
        {
            log.Warn($"After the load: {filesRead.Count} file(s) were left on the server, which could not be reached to {Verb(source.AfterLoad)} them: {e.Message}");
            return 0;
        }
        using (client)
        {
            string? target = null;
            if (source.AfterLoad == AfterLoadAction.Move)
            {
                target = await PrepareFolderAsync(client, source, log, filesRead.Count, cancellationToken);
                if (target is null) return 0;
            }
            var done = 0;
            foreach (var path in filesRead)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await ApplyOneAsync(client, endpoint, path, target, log, now, cancellationToken)) done++;
            }
            log.Info($"After the load: {done} of {filesRead.Count} file(s) {(target is null ? "deleted" : $"moved to {endpoint.Address(target)}")}.");
            return done;
        }
    }

    private static async Task<bool> ApplyOneAsync(SftpClient client, SftpEndpoint endpoint, string path, string? target, IRunLog log, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        try
        {
            if (target is null)
            {
                await client.DeleteFileAsync(path, cancellationToken);
                return true;
            }
            var name = path[(path.LastIndexOf('/') + 1)..];
            var destination = SftpFileSource.Join(target, name);
            if (await client.ExistsAsync(destination, cancellationToken))
            {
                var renamed = await FreeNameAsync(client, target, name, now, cancellationToken);
                log.Warn($"After the load: {endpoint.Address(destination)} already exists; {endpoint.Address(path)} was moved to {endpoint.Address(renamed)} instead.");
                destination = renamed;
            }
            await client.RenameFileAsync(path, destination, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is SshException or SftpPathNotFoundException or SftpPermissionDeniedException or IOException or TimeoutException)
        {
            log.Warn($"After the load: {endpoint.Address(path)} could not be {(target is null ? "deleted" : "moved")} and stays on the server: {e.Message}");
            return false;
        }
    }

    /// <summary>The move folder's absolute path, created when missing; null (after a warning) when it cannot be.</summary>
    private static async Task<string?> PrepareFolderAsync(SftpClient client, FileSourceDefinition source, IRunLog log, int files, CancellationToken cancellationToken)
    {
        var endpoint = source.Sftp!;
        var folder = SftpConnector.Folder(source.AfterLoadFolder);
        var root = SftpConnector.Folder(source.Location);
        var baseFolder = root.StartsWith('/') ? root : root == "." ? client.WorkingDirectory : SftpFileSource.Join(client.WorkingDirectory, root);
        var target = folder.StartsWith('/') ? folder : folder == "." ? baseFolder : SftpFileSource.Join(baseFolder, folder);
        try
        {
            var path = "";
            foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                path += "/" + part;
                if (!await client.ExistsAsync(path, cancellationToken)) await client.CreateDirectoryAsync(path, cancellationToken);
            }
            return target;
        }
        catch (Exception e) when (e is SshException or SftpPathNotFoundException or SftpPermissionDeniedException or IOException or TimeoutException)
        {
            log.Warn($"After the load: folder {endpoint.Address(target)} could not be created, so {files} file(s) were left where they were: {e.Message}");
            return null;
        }
    }

    /// <summary><c>name-yyyyMMdd-HHmmss.ext</c> (UTC), with <c>-2</c>, <c>-3</c>… added while that is taken too.</summary>
    private static async Task<string> FreeNameAsync(SftpClient client, string folder, string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dot = name.LastIndexOf('.');
        var (stem, extension) = dot > 0 ? (name[..dot], name[dot..]) : (name, "");
        var stamp = now.UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        for (var n = 1; ; n++)
        {
            var candidate = SftpFileSource.Join(folder, $"{stem}-{stamp}{(n == 1 ? "" : $"-{n}")}{extension}");
            if (!await client.ExistsAsync(candidate, cancellationToken)) return candidate;
        }
    }

    private static string Verb(AfterLoadAction action) => action == AfterLoadAction.Move ? "move" : "delete";
}

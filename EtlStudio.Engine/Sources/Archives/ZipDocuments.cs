using System.IO.Compression;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.FileSystemGlobbing;
using EtlStudio.Engine.Sources.Files;

namespace EtlStudio.Engine.Sources.Archives;

/// <summary>The entries of a zip archive that match a glob, each one document named
/// <c>archive.zip!folder/entry.csv</c>, read in ordinal order of their names.</summary>
/// <remarks>A zip is read from its central directory at the end, so it needs a seekable stream: a local file is read
/// in place; any other stream (a blob download) is first copied to a temporary file that is deleted when the archive is
/// closed. Entries are inflated as they are read, never extracted whole.</remarks>
internal static class ZipDocuments
{
    public static async IAsyncEnumerable<SourceDocument> ReadAsync(SourceDocument archive, string entryGlob, ArchiveLimits limits,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var zip = await OpenAsync(archive, cancellationToken);
        var matcher = FileGlob.Create(string.IsNullOrWhiteSpace(entryGlob) ? "*" : entryGlob.Trim());
        var entries = zip.Entries
            .Select(e => (Entry: e, Path: e.FullName.Replace('\\', '/')))
            .Where(e => !e.Path.EndsWith('/') && matcher.Match(e.Path).HasMatches)
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToList();
        if (entries.Count == 0)
        {
            throw new EtlDataException($"no entry of the zip archive matches '{entryGlob}'", archive.Name);
        }
        var budget = new ExpansionBudget(limits, archive.Name);
        foreach (var (entry, path) in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = $"{archive.Name}!{path}";
            // The declared sizes can lie (the stream checks what really comes out), but an honest bomb is refused unread.
            budget.CheckRatio(name, entry.Length, entry.CompressedLength);
            yield return new SourceDocument(name, new ZipEntryStream(Open(entry, name), name, entry.Length, entry.CompressedLength, budget));
        }
    }

    private static async Task<ZipArchive> OpenAsync(SourceDocument archive, CancellationToken cancellationToken)
    {
        Stream seekable = archive.Content;
        try
        {
            if (!seekable.CanSeek)
            {
                seekable = await CopyToTempFileAsync(archive.Content, cancellationToken);
                await archive.Content.DisposeAsync();
            }
            return new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException e)
        {
            await seekable.DisposeAsync();
            throw new EtlDataException($"not a readable zip archive ({e.Message})", archive.Name, inner: e);
        }
        catch
        {
            await seekable.DisposeAsync();
            await archive.Content.DisposeAsync();
            throw;
        }
    }

    private static async Task<FileStream> CopyToTempFileAsync(Stream content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"etlstudio-{Guid.NewGuid():N}.zip");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await content.CopyToAsync(file, cancellationToken);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static Stream Open(ZipArchiveEntry entry, string name)
    {
        try
        {
            return entry.Open();
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
            // Encrypted entries and methods other than stored, deflate and deflate64 (bzip2, LZMA, zstd…).
            throw new EtlDataException($"the entry cannot be read ({e.Message})", name, inner: e);
        }
    }
}

using System.IO.Compression;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.FileSystemGlobbing;
using EtlStudio.Engine.Sources.Files;

namespace EtlStudio.Engine.Sources.Archives;

/// <summary>The entries of a zip archive that match a glob, each one document named
/// <c>archive.zip!folder/entry.csv</c>, read in ordinal order of their names.</summary>
/// <remarks>A zip is read from its central directory at the end, so it needs a seekable stream: a local file is read
/// in place; any other stream (a blob download) is first copied to a temporary file that is deleted when the archive is
/// closed. Entries are inflated as they are read, never extracted whole, in memory or on disk.</remarks>
internal static class ZipDocuments
{
    public static async IAsyncEnumerable<SourceDocument> ReadAsync(SourceDocument archive, string entryGlob, ArchiveLimits limits,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var zip = await OpenAsync(archive, cancellationToken);
        var matcher = FileGlob.Create(string.IsNullOrWhiteSpace(entryGlob) ? "**/*" : entryGlob.Trim());
        var entries = zip.Entries
            .Select(e => (Entry: e, Path: e.FullName.Replace('\\', '/')))
            .Where(e => !e.Path.EndsWith('/') && matcher.Match(e.Path).HasMatches)
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToList();
        if (entries.Count == 0)
        {
            throw new EtlDataException($"no entry of the zip archive matches '{entryGlob}'", archive.Name);
        }
        // Every entry is inflated to its end once before the first is handed on: a corrupt entry or a bomb anywhere in
        // the archive fails before any of its rows is loaded.
        var check = new ExpansionBudget(limits, archive.Name);
        foreach (var (entry, path) in entries)
        {
            await using var content = OpenChecked(entry, $"{archive.Name}!{path}", check);
            await content.CopyToAsync(Stream.Null, cancellationToken);
        }
        var budget = new ExpansionBudget(limits, archive.Name);
        foreach (var (entry, path) in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new SourceDocument($"{archive.Name}!{path}", OpenChecked(entry, $"{archive.Name}!{path}", budget)) { RemotePath = archive.RemotePath };
        }
    }

    private static ZipEntryStream OpenChecked(ZipArchiveEntry entry, string name, ExpansionBudget budget)
    {
        // The declared sizes can lie (the stream checks what really comes out), but an honest bomb is refused unread.
        budget.CheckRatio(name, entry.Length, entry.CompressedLength);
        return new ZipEntryStream(Open(entry, name), name, entry.Length, entry.CompressedLength, budget);
    }

    private static async Task<ZipArchive> OpenAsync(SourceDocument archive, CancellationToken cancellationToken)
    {
        Stream seekable;
        try
        {
            seekable = await SeekableCopy.OpenAsync(archive.Content, ReadOnlyMemory<byte>.Empty, disposeCopied: true, cancellationToken);
        }
        catch
        {
            await archive.Content.DisposeAsync();
            throw;
        }
        try
        {
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

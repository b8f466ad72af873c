using System.Runtime.CompilerServices;
using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace EtlStudio.Engine.Sources.Files;

/// <summary>Files under a local folder that match the glob, each opened for forward reading, one at a time.</summary>
internal sealed class LocalFileSource(FileSourceDefinition definition) : IDocumentSource
{
    public async IAsyncEnumerable<SourceDocument> GetDocumentsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folder = new DirectoryInfo(definition.Location);
        if (!folder.Exists)
        {
            throw new EtlDataException($"folder '{definition.Location}' does not exist");
        }
        var paths = definition.Files ?? Match(folder);
        if (paths.Count == 0)
        {
            throw FileGlob.NoMatch(definition.Pattern, definition.Location);
        }
        foreach (var relative in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.GetFullPath(Path.Combine(folder.FullName, relative));
            yield return new SourceDocument(path, Open(path));
        }
        await Task.CompletedTask;
    }

    /// <summary>Paths relative to the folder of the files the glob matches, ordinal order.</summary>
    internal IReadOnlyList<string> Match(DirectoryInfo folder) => FileGlob.Create(definition.Pattern)
        .Execute(new DirectoryInfoWrapper(folder))
        .Files.Select(f => f.Path)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>What <see cref="GetDocumentsAsync"/> would read, without opening it.</summary>
    internal IReadOnlyList<string> List()
    {
        var folder = new DirectoryInfo(definition.Location);
        if (!folder.Exists) throw new EtlDataException($"folder '{definition.Location}' does not exist");
        var paths = Match(folder);
        return paths.Count == 0 ? throw FileGlob.NoMatch(definition.Pattern, definition.Location) : paths;
    }

    private static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (FileNotFoundException e)
        {
            // Deleted between listing and opening.
            throw new EtlDataException($"file '{path}' disappeared before it was read", e);
        }
    }
}

namespace EtlStudio.Engine.Staging;

/// <summary>Staging in a local folder: <c>&lt;root&gt;/&lt;runId&gt;/&lt;name&gt;</c>.</summary>
/// <param name="root">Folder that holds one sub-folder per run; created when needed.</param>
public sealed class LocalFolderStagingStore(string root) : IStagingStore
{
    /// <summary>The root folder.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <inheritdoc />
    public Task<Stream> OpenWriteAsync(Guid runId, string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathOf(runId, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return Task.FromResult<Stream>(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true));
    }

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(Guid runId, string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathOf(runId, name);
        if (!File.Exists(path)) throw new FileNotFoundException($"staged artifact '{name}' of run {runId} not found", path);
        return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StagedArtifact>> ListAsync(Guid runId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var dir = RunFolder(runId);
        IReadOnlyList<StagedArtifact> list = !Directory.Exists(dir)
            ? []
            : [.. new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories)
                .Select(f => new StagedArtifact(Path.GetRelativePath(dir, f.FullName).Replace(Path.DirectorySeparatorChar, '/'), f.FullName, f.Length))
                .OrderBy(a => a.Name, StringComparer.Ordinal)];
        return Task.FromResult(list);
    }

    /// <inheritdoc />
    public Task DeleteRunAsync(Guid runId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var dir = RunFolder(runId);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        return Task.CompletedTask;
    }

    private string RunFolder(Guid runId) => Path.Combine(Root, runId.ToString("D"));

    private string PathOf(Guid runId, string name) => Path.Combine(RunFolder(runId), StagingNames.Check(name).Replace('/', Path.DirectorySeparatorChar));
}

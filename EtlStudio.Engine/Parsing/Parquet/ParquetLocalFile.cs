namespace EtlStudio.Engine.Parsing.Parquet;

/// <summary>A Parquet document as a file on disk: Parquet keeps its schema in a footer at the end and is read by
/// seeking, so a document that is not a local file (a blob, an HTTP body, a counted extract stream) is copied to a
/// temporary folder first. The copy is deleted on dispose, also when the run fails.</summary>
internal sealed class ParquetLocalFile : IDisposable
{
    private readonly string? _tempFolder;

    private ParquetLocalFile(string path, string? tempFolder)
    {
        Path = path;
        _tempFolder = tempFolder;
    }

    /// <summary>Path of the file to read.</summary>
    public string Path { get; }

    /// <summary>Uses the file under <paramref name="content"/> when it is a local file stream; otherwise copies the
    /// stream to a new temporary folder.</summary>
    public static async ValueTask<ParquetLocalFile> OpenAsync(Stream content, CancellationToken cancellationToken)
    {
        if (content is FileStream { CanSeek: true } file && File.Exists(file.Name)) return new ParquetLocalFile(file.Name, null);
        var folder = Sources.TempCopies.NewPath("parquet");
        Directory.CreateDirectory(folder);
        var copy = new ParquetLocalFile(System.IO.Path.Combine(folder, "document.parquet"), folder);
        try
        {
            await using var target = new FileStream(copy.Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await content.CopyToAsync(target, 1 << 16, cancellationToken);
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_tempFolder is not null && Directory.Exists(_tempFolder)) Directory.Delete(_tempFolder, recursive: true);
    }
}

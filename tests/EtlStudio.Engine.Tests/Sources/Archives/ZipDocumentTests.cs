using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Sources.Archives;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Archives;

public sealed class ZipDocumentTests : IDisposable
{
    private readonly ArchiveFiles _files = new();
    private readonly SourceFactory _factory = new(new HttpClient());

    public void Dispose() => _files.Dispose();

    private async Task<List<(string Name, string Text)>> ReadAsync(string pattern, string entries = "*", SourceFactory? factory = null) =>
        (await Documents.ReadAllAsync((factory ?? _factory).CreateDocumentSource(
            new FileSourceDefinition { Location = _files.Folder, Pattern = pattern }, new ParseDefinition { ArchiveEntries = entries })))
        .Select(d => (d.Name, Encoding.UTF8.GetString(d.Bytes)))
        .ToList();

    private static (string, byte[]) Entry(string path, string text) => (path, Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Zip_entries_matching_the_glob_are_documents_named_archive_bang_entry_in_ordinal_order()
    {
        var path = _files.Write("export.zip", ArchiveFiles.Zip(
            Entry("orders/2024/b.csv", "id\n2\n"),
            Entry("orders/a.csv", "id\n1\n"),
            Entry("orders/readme.txt", "not data"),
            Entry("customers.csv", "id\n9\n")));

        var documents = await ReadAsync("*.zip", "orders/**/*.csv");

        Assert.Equal([($"{path}!orders/2024/b.csv", "id\n2\n"), ($"{path}!orders/a.csv", "id\n1\n")], documents);
    }

    [Fact]
    public async Task Zip_written_by_the_zip_tool_reads_every_entry_including_folders()
    {
        _files.WriteText("in/a.csv", "id\n1\n");
        _files.WriteText("in/sub/b.csv", "id\n2\n");
        _files.Run("zip", "-r", "-q", "tool.zip", "in");

        var documents = await ReadAsync("tool.zip", "**/*.csv");

        Assert.Equal([("in/a.csv", "id\n1\n"), ("in/sub/b.csv", "id\n2\n")],
            documents.Select(d => (d.Name[(d.Name.IndexOf('!', StringComparison.Ordinal) + 1)..], d.Text)));
    }

    [Fact]
    public async Task Zip_written_by_python_zipfile_reads_every_entry()
    {
        var big = string.Concat(Enumerable.Range(1, 20_000).Select(i => $"{i},row {i}\n"));
        _files.WriteText("x.csv", "id,name\n" + big);
        _files.WriteText("y.csv", "id,name\n0,zero\n");
        _files.Run("python3", "-m", "zipfile", "-c", "py.zip", "x.csv", "y.csv");

        var documents = await ReadAsync("py.zip", "*.csv");

        Assert.Equal(["id,name\n" + big, "id,name\n0,zero\n"], documents.Select(d => d.Text));
    }

    [Fact]
    public async Task Zip_without_a_matching_entry_fails_naming_the_archive_and_glob()
    {
        var path = _files.Write("export.zip", ArchiveFiles.Zip(Entry("a.json", "[]")));

        var error = await Assert.ThrowsAsync<EtlDataException>(() => ReadAsync("*.zip", "*.csv"));

        Assert.Equal(path, error.Origin);
        Assert.Contains("'*.csv'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_named_zip_that_is_not_a_zip_fails_naming_it()
    {
        var path = _files.WriteText("export.zip", "id,name\n1,a\n");

        var error = await Assert.ThrowsAsync<EtlDataException>(() => ReadAsync("*.zip"));

        Assert.Equal(path, error.Origin);
        Assert.Contains("not a readable zip archive", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_zip_fails_naming_it()
    {
        var whole = ArchiveFiles.Zip(Entry("a.csv", string.Concat(Enumerable.Range(1, 5000).Select(i => $"{i}\n"))));
        var path = _files.Write("cut.zip", whole[..(whole.Length / 2)]);

        var error = await Assert.ThrowsAsync<EtlDataException>(() => ReadAsync("*.zip"));

        Assert.Equal(path, error.Origin);
    }

    [Fact]
    public async Task Zip_entry_with_corrupt_data_fails_naming_the_entry()
    {
        var text = string.Concat(Enumerable.Range(1, 50_000).Select(i => $"{i},{i * 7919 % 10007}\n"));
        var bytes = ArchiveFiles.Zip(Entry("a.csv", text));
        for (var i = 200; i < 260; i++) bytes[i] ^= 0xa5;
        var path = _files.Write("bad.zip", bytes);

        var error = await Assert.ThrowsAsync<EtlDataException>(() => ReadAsync("*.zip"));

        Assert.Equal($"{path}!a.csv", error.Origin);
    }

    [Fact]
    public async Task Zip_bomb_entry_is_refused_naming_the_entry()
    {
        var path = _files.Write("bomb.zip", ArchiveFiles.Zip(Entry("ok.csv", "id\n1\n"), ("zeros.csv", new byte[64 * 1024 * 1024])));

        var error = await Assert.ThrowsAsync<EtlDataException>(() => ReadAsync("*.zip"));

        Assert.Equal($"{path}!zeros.csv", error.Origin);
        Assert.Contains("Archives:MaxExpansionRatio", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zip_entries_together_past_the_size_limit_are_refused()
    {
        var csv = string.Concat(Enumerable.Range(1, 40_000).Select(i => $"{i},{Guid.NewGuid()}\n"));
        var path = _files.Write("many.zip", ArchiveFiles.Zip(Entry("a.csv", csv), Entry("b.csv", csv)));
        var factory = new SourceFactory(new HttpClient(), archiveLimits: new ArchiveLimits { MaxUncompressedBytes = csv.Length * 3 / 2 });

        var error = await Assert.ThrowsAsync<EtlDataException>(() => ReadAsync("*.zip", factory: factory));

        Assert.StartsWith($"{path}!b.csv", error.Origin, StringComparison.Ordinal);
        Assert.Contains("Archives:MaxUncompressedBytes", error.Reason, StringComparison.Ordinal);
    }
}

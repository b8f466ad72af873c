using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Files;

public sealed class LocalFileSourceTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("esrc-files.");
    private readonly SourceFactory _factory = new(new HttpClient());

    public void Dispose() => _folder.Delete(recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_folder.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Glob_yields_every_matching_file_in_ordinal_name_order_named_by_path()
    {
        var b = Write("b.csv", "b");
        var upperA = Write("A.csv", "A");
        var a = Write("a.csv", "a");
        Write("notes.txt", "x");
        Write("sub/c.csv", "c");

        var documents = await Documents.ReadTextAsync(_factory, new FileSourceDefinition { Location = _folder.FullName, Pattern = "*.csv" });

        Assert.Equal([(upperA, "A"), (a, "a"), (b, "b")], documents);
    }

    [Fact]
    public async Task Recursive_glob_matches_files_in_nested_folders()
    {
        var top = Write("in/orders_1.csv", "1");
        var nested = Write("in/2024/01/orders_2.csv", "2");
        Write("in/2024/customers.csv", "x");
        Write("out/orders_3.csv", "3");

        var documents = await Documents.ReadTextAsync(_factory,
            new FileSourceDefinition { Location = _folder.FullName, Pattern = "in/**/orders_*.csv" });

        Assert.Equal([(nested, "2"), (top, "1")], documents);
    }

    [Fact]
    public async Task Missing_folder_fails_naming_it()
    {
        var missing = Path.Combine(_folder.FullName, "nope");
        var source = _factory.CreateDocumentSource(new FileSourceDefinition { Location = missing, Pattern = "*.csv" }, new ParseDefinition());

        var error = await Assert.ThrowsAsync<EtlDataException>(() => Documents.ReadAllAsync(source));

        Assert.Contains($"'{missing}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_matching_file_fails_naming_pattern_and_folder()
    {
        Write("orders.txt", "x");
        var source = _factory.CreateDocumentSource(new FileSourceDefinition { Location = _folder.FullName, Pattern = "*.csv" }, new ParseDefinition());

        var error = await Assert.ThrowsAsync<EtlDataException>(() => Documents.ReadAllAsync(source));

        Assert.Equal($"no file matches '*.csv' in '{_folder.FullName}'", error.Message);
    }

    [Fact]
    public async Task File_with_byte_order_mark_passes_through_byte_for_byte()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("id;naïve\n1;ü\n")).ToArray();
        await File.WriteAllBytesAsync(Path.Combine(_folder.FullName, "bom.csv"), bytes, TestContext.Current.CancellationToken);

        var documents = await Documents.ReadAllAsync(_factory.CreateDocumentSource(
            new FileSourceDefinition { Location = _folder.FullName, Pattern = "*.csv" }, new ParseDefinition()));

        Assert.Equal(bytes, Assert.Single(documents).Bytes);
    }

    [Fact]
    public async Task Files_are_streamed_from_disk_not_loaded_into_memory()
    {
        Write("big.csv", new string('x', 1_000_000));
        var source = _factory.CreateDocumentSource(new FileSourceDefinition { Location = _folder.FullName, Pattern = "*.csv" }, new ParseDefinition());

        await foreach (var document in source.GetDocumentsAsync(TestContext.Current.CancellationToken))
        {
            await using (document)
            {
                Assert.IsType<FileStream>(document.Content);
                Assert.Equal(0, document.Content.Position);
            }
        }
    }
}

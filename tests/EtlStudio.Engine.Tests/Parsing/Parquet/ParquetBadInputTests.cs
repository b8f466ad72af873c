using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;
using EtlStudio.Engine.Sources;
using ParquetSharp;
using Xunit;

namespace EtlStudio.Engine.Tests.Parsing.Parquet;

/// <summary>Files that are not Parquet, cut short or corrupt fail with an <see cref="EtlDataException"/> naming the
/// file (and the row group where known); the temporary copy of a streamed document is deleted either way.</summary>
public sealed class ParquetBadInputTests : IDisposable
{
    private static readonly ParseDefinition Parquet = new() { Format = ParseFormat.Parquet };
    private readonly string _folder = Directory.CreateTempSubdirectory("parquet-bad-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> NotParquet => ["", "id,name\n1,a\n", "PAR1 but not really PAR1"];

    [Theory]
    [MemberData(nameof(NotParquet))]
    public async Task A_file_that_is_not_Parquet_fails_naming_the_file(string content)
    {
        var document = Parse.Document(content, "in/export.parquet");

        var e = await Assert.ThrowsAsync<EtlDataException>(() => Parse.AllAsync(document, Parquet, "id"));

        Assert.Equal("in/export.parquet", e.Origin);
        Assert.Contains("Parquet", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.95)]
    public async Task A_truncated_file_fails_naming_the_file(double keep)
    {
        var bytes = await WriteAsync(rows: 5000);

        var e = await Assert.ThrowsAsync<EtlDataException>(() =>
            Parse.AllAsync(Parse.Document(bytes[..(int)(bytes.Length * keep)], "in/cut.parquet"), Parquet, "id", "name"));

        Assert.Equal("in/cut.parquet", e.Origin);
    }

    [Fact]
    public async Task A_corrupt_page_header_fails_naming_the_file_and_the_row_group()
    {
        var bytes = await WriteAsync(rows: 5000);
        // The first page header follows the 4-byte magic; the footer stays intact.
        Array.Fill(bytes, (byte)0xFF, 4, 24);

        var e = await Assert.ThrowsAsync<EtlDataException>(() => Parse.AllAsync(Parse.Document(bytes, "in/corrupt.parquet"), Parquet, "id", "name"));

        Assert.Equal("in/corrupt.parquet", e.Origin);
        Assert.Contains("row group 1 of", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_whose_checksum_does_not_match_fails_instead_of_loading_flipped_bytes()
    {
        var path = Path.Combine(_folder, "crc.parquet");
        using (var properties = new WriterPropertiesBuilder().EnablePageChecksum().Compression(Compression.Uncompressed).Build())
        using (var writer = new ParquetFileWriter(path, [new Column<string>("name")], properties))
        {
            using var group = writer.AppendRowGroup();
            using (var names = group.NextColumn().LogicalWriter<string>()) names.WriteBatch([.. Enumerable.Range(0, 100).Select(i => $"name {i:D5}")]);
            writer.Close();
        }
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        var at = bytes.AsSpan().IndexOf("name 00042"u8);
        bytes[at + 5] = (byte)'9';

        var e = await Assert.ThrowsAsync<EtlDataException>(() => Parse.AllAsync(Parse.Document(bytes, "in/flipped.parquet"), Parquet, "name"));

        Assert.Equal("in/flipped.parquet", e.Origin);
        Assert.Contains("row group 1 of 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_temporary_copy_of_a_streamed_document_is_deleted_when_the_reader_is_disposed()
    {
        var bytes = await WriteAsync(rows: 10);
        var before = TempCopies();

        var reader = await DocumentParser.OpenAsync(Parse.Document(bytes, "blob/x.parquet"), Parquet, TestContext.Current.CancellationToken);
        var ours = TempCopies().Except(before).Where(d => new FileInfo(Path.Combine(d, "document.parquet")).Length == bytes.Length).ToList();
        Assert.Single(ours);
        Assert.Equal(10, (await Parse.AllAsync(reader, "id")).Count);
        await reader.DisposeAsync();

        Assert.False(Directory.Exists(ours[0]));
    }

    [Fact]
    public async Task The_temporary_copy_is_deleted_when_the_document_is_not_Parquet()
    {
        var before = TempCopies();

        await Assert.ThrowsAsync<EtlDataException>(() => Parse.AllAsync(Parse.Document(new byte[12345], "blob/zeros.parquet"), Parquet, "id"));

        Assert.DoesNotContain(TempCopies().Except(before), d => !File.Exists(Path.Combine(d, "document.parquet")) || new FileInfo(Path.Combine(d, "document.parquet")).Length == 12345);
    }

    private static string[] TempCopies() => Directory.GetDirectories(Path.GetTempPath(), "etlstudio-parquet-*");

    private async Task<byte[]> WriteAsync(int rows, string compression = "snappy")
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".parquet");
        DuckDbParquet.Write(path, $"SELECT i AS id, 'name ' || i AS name FROM range({rows}) t(i)", compression: compression);
        return await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
    }
}

using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Sources.Archives;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Archives;

public sealed class GzipDocumentTests : IDisposable
{
    private readonly ArchiveFiles _files = new();
    private readonly SourceFactory _factory = new(new HttpClient());

    public void Dispose() => _files.Dispose();

    private Task<List<(string Name, byte[] Bytes)>> ReadAsync(string pattern, SourceFactory? factory = null) =>
        Documents.ReadAllAsync((factory ?? _factory).CreateDocumentSource(
            new FileSourceDefinition { Location = _files.Folder, Pattern = pattern }, new ParseDefinition()));

    private static byte[] Csv(int rows, int seed = 1)
    {
        var random = new Random(seed);
        var text = new StringBuilder("id,name,amount\n");
        for (var i = 1; i <= rows; i++) text.Append(i).Append(",name ").Append(random.Next()).Append(',').Append(random.NextDouble()).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Fact]
    public async Task Gzip_written_by_GZipStream_reads_as_the_original_bytes_under_its_own_name()
    {
        var original = Csv(20_000);
        var path = _files.Write("orders.csv.gz", ArchiveFiles.Gzip(original));

        var (name, bytes) = Assert.Single(await ReadAsync("*.gz"));

        Assert.Equal(path, name);
        Assert.Equal(original, bytes);
    }

    [Fact]
    public async Task Gzip_written_by_the_gzip_tool_reads_whole()
    {
        var original = Csv(50_000, seed: 2);
        _files.Write("orders.csv", original);
        _files.Run("gzip", "-9", "orders.csv");

        var (name, bytes) = Assert.Single(await ReadAsync("*"));

        Assert.EndsWith("orders.csv.gz", name, StringComparison.Ordinal);
        Assert.Equal(original, bytes);
    }

    [Fact]
    public async Task Concatenated_gzip_members_read_as_one_document()
    {
        var first = Csv(1_000, seed: 3);
        var second = Encoding.UTF8.GetBytes("1001,tail,1.5\n");
        _files.Write("a.csv", first);
        _files.Write("b.csv", second);
        _files.Run("gzip", "a.csv", "b.csv");
        _files.Write("both.csv.gz", [.. File.ReadAllBytes(Path.Combine(_files.Folder, "a.csv.gz")), .. ArchiveFiles.Gzip(second)]);

        var (_, bytes) = Assert.Single(await ReadAsync("both.csv.gz"));

        Assert.Equal([.. first, .. second], bytes);
    }

    [Fact]
    public async Task Gzip_is_recognised_by_its_magic_bytes_whatever_the_name()
    {
        var original = Csv(100);
        _files.Write("export.dat", ArchiveFiles.Gzip(original));
        _files.WriteText("plain.csv.gz", "id\n1\n");

        var documents = await ReadAsync("*");

        Assert.Equal(original, documents.Single(d => d.Name.EndsWith("export.dat", StringComparison.Ordinal)).Bytes);
        Assert.Equal("id\n1\n", Encoding.UTF8.GetString(documents.Single(d => d.Name.EndsWith("plain.csv.gz", StringComparison.Ordinal)).Bytes));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(-4)] // the length in the trailer is missing
    [InlineData(-8)] // the whole trailer is missing
    public async Task Truncated_gzip_fails_naming_the_file_and_the_byte_offset(double cut)
    {
        var whole = ArchiveFiles.Gzip(Csv(20_000));
        var length = cut > 0 ? (int)(whole.Length * cut) : whole.Length + (int)cut;
        var path = _files.Write("orders.csv.gz", whole[..length]);

        var error = await Assert.ThrowsAsync<EtlDataException>(() => ReadAsync("*.gz"));

        Assert.Equal(path, error.Origin);
        Assert.Contains("truncated", error.Reason, StringComparison.Ordinal);
        Assert.Contains($"byte {length:N0}", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-6)] // CRC-32 in the trailer
    [InlineData(-2)] // length in the trailer
    [InlineData(200)] // deflate data
    public async Task Corrupt_gzip_fails_naming_the_file(int at)
    {
        var bytes = ArchiveFiles.Gzip(Csv(5_000));
        bytes[at < 0 ? bytes.Length + at : at] ^= 0x5a;
        var path = _files.Write("orders.csv.gz", bytes);

        var error = await Assert.ThrowsAsync<EtlDataException>(() => ReadAsync("*.gz"));

        Assert.Equal(path, error.Origin);
        Assert.Contains("gzip data is", error.Reason, StringComparison.Ordinal);
        Assert.Contains("compressed byte", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzip_that_expands_past_the_ratio_is_refused_as_a_bomb()
    {
        var path = _files.Write("bomb.csv.gz", ArchiveFiles.Gzip(new byte[64 * 1024 * 1024]));

        var error = await Assert.ThrowsAsync<EtlDataException>(() => ReadAsync("*.gz"));

        Assert.Equal(path, error.Origin);
        Assert.Contains("Archives:MaxExpansionRatio", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzip_that_expands_past_the_size_limit_is_refused()
    {
        var path = _files.Write("big.csv.gz", ArchiveFiles.Gzip(Csv(50_000)));
        var factory = new SourceFactory(new HttpClient(), archiveLimits: new ArchiveLimits { MaxUncompressedBytes = 1_000_000 });

        var error = await Assert.ThrowsAsync<EtlDataException>(() => ReadAsync("*.gz", factory));

        Assert.Equal(path, error.Origin);
        Assert.Contains("Archives:MaxUncompressedBytes", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repetitive_data_under_the_ratio_reads_whole()
    {
        var original = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("1,same,1.0\n", 300_000)));
        _files.Write("same.csv.gz", ArchiveFiles.Gzip(original));
        var factory = new SourceFactory(new HttpClient(), archiveLimits: new ArchiveLimits { MaxExpansionRatio = 1100 });

        var (_, bytes) = Assert.Single(await ReadAsync("*.gz", factory));

        Assert.Equal(original, bytes);
    }
}

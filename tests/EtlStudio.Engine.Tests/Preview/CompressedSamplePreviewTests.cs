using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Preview;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Tests.Sources.Archives;
using Xunit;

namespace EtlStudio.Engine.Tests.Preview;

/// <summary>An uploaded .csv.gz or .zip sample previews the way a run reads it: decompressed, named by its entry.</summary>
public sealed class CompressedSamplePreviewTests
{
    private static readonly FlowPreview Preview = new(new SourceFactory(new HttpClient()));
    private static readonly ColumnMap[] Columns = [new() { SourceField = "n", TargetColumn = "n", Type = ColumnType.Int }];

    [Fact]
    public async Task A_csv_gz_sample_previews_decompressed()
    {
        var sample = new SourceDocument("orders.csv.gz", new MemoryStream(ArchiveFiles.Gzip("n\n1\n2\n3\n")));

        var result = await Preview.RunAsync(sample, new ParseDefinition(), Columns, 10, TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        Assert.Equal([1, 2, 3], result.Rows.Select(r => r.Cells[0].Value));
        Assert.Equal(["n", "1", "2", "3"], result.SourceLines.Take(4));
    }

    [Fact]
    public async Task A_zip_sample_previews_its_first_matching_entry()
    {
        var zip = ArchiveFiles.Zip(("readme.txt", "x"u8.ToArray()), ("data/a.csv", Encoding.UTF8.GetBytes("n\n7\n")));
        var sample = new SourceDocument("export.zip", new MemoryStream(zip));

        var result = await Preview.RunAsync(sample, new ParseDefinition { ArchiveEntries = "data/*.csv" }, Columns, 10, TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        Assert.Equal([7], result.Rows.Select(r => r.Cells[0].Value));
        Assert.Equal("export.zip!data/a.csv", result.SourceOrigin);
    }
}

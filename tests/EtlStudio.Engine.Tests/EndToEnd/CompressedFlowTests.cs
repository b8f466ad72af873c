using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Tests.Pipeline;
using EtlStudio.Engine.Tests.Sources.Archives;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>Gzip files and zip archives, local and in Azurite, through the real FlowRunner into PostgreSQL: every row
/// arrives, each knows its file or archive entry, and a bad compressed file loads nothing of itself.</summary>
public sealed class CompressedFlowTests(PostgresServer postgres, AzuriteServer azurite)
{
    private static readonly ColumnMap[] Columns =
    [
        .. ItemsTable.Columns,
        new() { TargetColumn = "source_file", Derived = DerivedValue.SourceName },
        new() { TargetColumn = "record", Derived = DerivedValue.RowNumber, Type = ColumnType.Long },
    ];

    private static async Task<TargetDatabase> TableAsync(PostgresServer postgres)
    {
        var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await db.ExecuteAsync($"CREATE TABLE {ItemsTable.Name} (id int4 PRIMARY KEY, name text, qty int4, source_file text NOT NULL, record int8 NOT NULL)");
        return db;
    }

    private static IEnumerable<(long, string, long, string, long)> Expected(string origin, string label, int from, int to) =>
        Enumerable.Range(from, to - from + 1).Select(i => ((long)i, $"{label} {i}, quoted", i * 2L, origin, i - from + 1L));

    private static async Task<List<(long, string, long, string, long)>> LoadedAsync(TargetDatabase db) =>
        [.. (await db.QueryAsync($"SELECT id, name, qty, source_file, record FROM {ItemsTable.Name} ORDER BY id"))
            .Select(r => (Convert.ToInt64(r[0], CultureInfo.InvariantCulture), (string)r[1]!, Convert.ToInt64(r[2], CultureInfo.InvariantCulture), (string)r[3]!, (long)r[4]!))];

    [Fact]
    public async Task Rows_of_a_csv_gz_and_of_a_zip_of_two_csv_load_each_naming_its_file_or_entry_and_a_reject_knows_its_entry()
    {
        await using var host = new EngineHost();
        await using var db = await TableAsync(postgres);
        File.WriteAllBytes(host.PathOf("a.csv.gz"), ArchiveFiles.Gzip(ItemsTable.Csv(1, 40, "gz")));
        var second = ItemsTable.Csv(61, 75, "z2").Replace("\n63,\"z2 63, quoted\",126\n", "\n63,\"z2 63, quoted\",lots\n", StringComparison.Ordinal);
        File.WriteAllBytes(host.PathOf("b.zip"), ArchiveFiles.Zip(
            ("in/one.csv", Encoding.UTF8.GetBytes(ItemsTable.Csv(41, 60, "z1"))),
            ("in/two.csv", Encoding.UTF8.GetBytes(second)),
            ("notes.txt", "not rows"u8.ToArray())));
        var flow = host.Flow(Columns, DatabaseProvider.PostgreSql, db.ConnectionString, ItemsTable.Name, pattern: "*",
            parse: new ParseDefinition { ArchiveEntries = "in/*.csv" });
        var rejects = new ListRejects();

        var result = await host.RunAsync(flow, rejects);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal((75L, 74L, 1L), (result.RowsRead, result.RowsWritten, result.RowsRejected));
        var reject = Assert.Single(rejects.Rows);
        Assert.Equal((host.PathOf("b.zip") + "!in/two.csv", 3L, "qty", "lots"), (reject.Origin, reject.RowNumber, reject.Column, reject.Value));
        var expected = Expected(host.PathOf("a.csv.gz"), "gz", 1, 40)
            .Concat(Expected(host.PathOf("b.zip") + "!in/one.csv", "z1", 41, 60))
            .Concat(Expected(host.PathOf("b.zip") + "!in/two.csv", "z2", 61, 75).Where(r => r.Item1 != 63));
        Assert.Equal(expected, await LoadedAsync(db));
    }

    [Fact]
    public async Task A_truncated_gzip_fails_the_run_naming_it_before_any_of_its_rows_is_committed()
    {
        await using var host = new EngineHost();
        await using var db = await TableAsync(postgres);
        var whole = ArchiveFiles.Gzip(ItemsTable.Csv(1, 5000, "cut"));
        File.WriteAllBytes(host.PathOf("cut.csv.gz"), whole[..(whole.Length - 100)]);
        var flow = host.Flow(Columns, DatabaseProvider.PostgreSql, db.ConnectionString, ItemsTable.Name, pattern: "*.gz");

        var result = await host.RunAsync(flow);

        Assert.False(result.Succeeded);
        var error = Assert.IsType<EtlDataException>(result.Error, exactMatch: false);
        Assert.Equal(host.PathOf("cut.csv.gz"), error.Origin);
        Assert.Contains("truncated", error.Reason, StringComparison.Ordinal);
        Assert.Empty(await LoadedAsync(db));
    }

    [Fact]
    public async Task A_zip_bomb_fails_the_run_naming_the_entry_before_any_row_of_the_archive_is_committed()
    {
        await using var host = new EngineHost();
        await using var db = await TableAsync(postgres);
        var rows = Encoding.UTF8.GetBytes(ItemsTable.Csv(1, 500, "first"));
        // Long runs of one byte deflate about 1000:1 (rows of a short repeated line only about 230:1).
        var bomb = Encoding.UTF8.GetBytes("id,name,qty\n" + string.Concat(Enumerable.Repeat($"1,{new string('a', 4000)},1\n", 6_000)));
        File.WriteAllBytes(host.PathOf("bomb.zip"), ArchiveFiles.Zip(("a.csv", rows), ("b.csv", bomb)));
        var flow = host.Flow(Columns, DatabaseProvider.PostgreSql, db.ConnectionString, ItemsTable.Name, pattern: "*.zip");

        var result = await host.RunAsync(flow);

        Assert.False(result.Succeeded);
        var error = Assert.IsType<EtlDataException>(result.Error, exactMatch: false);
        Assert.Equal(host.PathOf("bomb.zip") + "!b.csv", error.Origin);
        Assert.Contains("zip bomb", error.Reason, StringComparison.Ordinal);
        Assert.Empty(await LoadedAsync(db));
    }

    [Fact]
    public async Task A_gzipped_blob_and_a_zipped_blob_load_every_row_naming_the_blob_and_entry()
    {
        var ct = TestContext.Current.CancellationToken;
        var container = new BlobContainerClient(azurite.ConnectionString, $"c{Guid.NewGuid():N}");
        await container.CreateAsync(cancellationToken: ct);
        await container.UploadBlobAsync("in/a.csv.gz", BinaryData.FromBytes(ArchiveFiles.Gzip(ItemsTable.Csv(1, 30, "gz"))), ct);
        await container.UploadBlobAsync("in/b.zip", BinaryData.FromBytes(ArchiveFiles.Zip(
            ("x/one.csv", Encoding.UTF8.GetBytes(ItemsTable.Csv(31, 45, "zip"))))), ct);
        await using var host = new EngineHost();
        await using var db = await TableAsync(postgres);
        var flow = host.Flow(Columns, DatabaseProvider.PostgreSql, db.ConnectionString, ItemsTable.Name) with
        {
            Source = new FileSourceDefinition { Location = container.Name, Pattern = "in/*", BlobConnectionString = azurite.ConnectionString },
        };

        var result = await host.RunAsync(flow);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal((45L, 45L), (result.RowsRead, result.RowsWritten));
        var expected = Expected($"{container.Uri}/in/a.csv.gz", "gz", 1, 30).Concat(Expected($"{container.Uri}/in/b.zip!x/one.csv", "zip", 31, 45));
        Assert.Equal(expected, await LoadedAsync(db));
    }
}

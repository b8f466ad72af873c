using System.Globalization;
using Azure.Storage.Blobs;
using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>Blobs in Azurite through the real FlowRunner into PostgreSQL: the glob picks the blobs, and each row knows
/// the blob it came from.</summary>
public sealed class BlobFlowTests(PostgresServer postgres, AzuriteServer azurite)
{
    private static readonly ColumnMap[] Columns =
    [
        .. ItemsTable.Columns,
        new() { TargetColumn = "source_file", Derived = DerivedValue.SourceName },
        new() { TargetColumn = "record", Derived = DerivedValue.RowNumber, Type = ColumnType.Long },
    ];

    [Fact]
    public async Task Each_row_of_the_blobs_matching_the_glob_names_its_blob_and_the_others_are_not_loaded()
    {
        var ct = TestContext.Current.CancellationToken;
        var container = new BlobContainerClient(azurite.ConnectionString, $"c{Guid.NewGuid():N}");
        await container.CreateAsync(cancellationToken: ct);
        var blobs = new (string Name, int From, int To)[]
        {
            ("exports/2026-11/orders_a.csv", 1, 9),
            ("exports/2026-11/orders_b.csv", 10, 24),
            ("exports/2026-12/orders_c.csv", 25, 27),
            ("exports/2026-11/customers.csv", 50, 60),
            ("exports/orders_top.csv", 70, 72),
            ("other/2026-11/orders_d.csv", 80, 82),
        };
        foreach (var (name, from, to) in blobs)
        {
            await container.UploadBlobAsync(name, BinaryData.FromString(ItemsTable.Csv(from, to, name)), ct);
        }
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await db.ExecuteAsync($"CREATE TABLE {ItemsTable.Name} (id int4 PRIMARY KEY, name text, qty int4, source_file text NOT NULL, record int8 NOT NULL)");
        var flow = host.Flow(Columns, DatabaseProvider.PostgreSql, db.ConnectionString, ItemsTable.Name) with
        {
            Source = new FileSourceDefinition { Location = container.Name, Pattern = "exports/*/orders_*.csv", BlobConnectionString = azurite.ConnectionString },
        };

        var result = await host.RunAsync(flow);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal((27L, 27L), (result.RowsRead, result.RowsWritten));
        var expected = blobs.Take(3).SelectMany(b => Enumerable.Range(b.From, b.To - b.From + 1)
            .Select(i => ((long)i, $"{b.Name} {i}, quoted", i * 2L, $"{container.Uri}/{b.Name}", i - b.From + 1L)));
        var loaded = (await db.QueryAsync($"SELECT id, name, qty, source_file, record FROM {ItemsTable.Name} ORDER BY id"))
            .Select(r => (Convert.ToInt64(r[0], CultureInfo.InvariantCulture), (string)r[1]!, Convert.ToInt64(r[2], CultureInfo.InvariantCulture), (string)r[3]!, (long)r[4]!));
        Assert.Equal(expected, loaded);
    }
}

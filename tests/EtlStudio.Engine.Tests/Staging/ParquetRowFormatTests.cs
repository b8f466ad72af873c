using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Staging;
using EtlStudio.Engine.Tests.Mapping;
using Xunit;

namespace EtlStudio.Engine.Tests.Staging;

/// <summary><c>mapped.parquet</c> against <c>mapped.ndjson</c>: the same rows must come back from both.</summary>
public sealed class ParquetRowFormatTests : IDisposable
{
    private static readonly TargetColumn[] Columns =
    [
        .. NastyRows.Columns.Select(c => new TargetColumn(c.TargetColumn, c.Type, c.Precision, c.Scale)),
        new("free_decimal", ColumnType.Decimal),
        new("big_decimal", ColumnType.Decimal, 28, 10),
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("etl-parquet-staging-").FullName;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Parquet_staged_rows_read_back_as_the_same_values_as_ndjson_for_every_column_type()
    {
        var random = new Random(1515);
        var rows = NastyRows.Generate(424242, 5000)
            .Select(r => (object?[])[.. r.Select(NastyRows.Expected), FreeDecimal(random), BigDecimal(random)]).ToList();
        rows.Add([null, null, null, null, null, null, null, null, null, null, null, null, null]);
        rows.Add(["", int.MinValue, long.MaxValue, 99_999_999_999_999.9999m, double.NaN, false, DateOnly.MaxValue, DateTime.MaxValue, DateTimeOffset.MaxValue, Guid.Empty, "[]", 79228162514264337593543950335m, 999_999_999_999_999_999.9999999999m]);
        rows.Add(["中文 😀 𝄞 \u0000 \"", int.MaxValue, long.MinValue, -99_999_999_999_999.9999m, double.NegativeInfinity, true, DateOnly.MinValue, DateTime.MinValue, DateTimeOffset.MinValue, Guid.NewGuid(), "{\"a\":[1,null]}", -0.0000000000000000000000000001m, -999_999_999_999_999_999.9999999999m]);
        rows.Add(["x", 0, 0L, 1.5m, double.Epsilon, true, new DateOnly(1969, 12, 31), new DateTime(1969, 12, 31, 23, 59, 59).AddTicks(9_999_999), new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-1 + 10_000_000), Guid.NewGuid(), "null", 1.50m, 0.0000000001m]);

        var ndjson = await ReadBackAsync(StagingFormat.Ndjson, rows);
        var parquet = await ReadBackAsync(StagingFormat.Parquet, rows);

        Assert.Equal(rows.Count, parquet.Count);
        Assert.Equal(ndjson.Count, parquet.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            Assert.Equal(ndjson[r].Position, parquet[r].Position);
            for (var c = 0; c < Columns.Length; c++)
            {
                var (expected, fromNdjson, fromParquet) = (rows[r][c], ndjson[r].Values[c], parquet[r].Values[c]);
                var where = $"row {r}, column {Columns[c].Name}";
                Assert.True(Equals(fromNdjson, fromParquet), $"{where}: NDJSON gave «{fromNdjson}», Parquet «{fromParquet}»");
                Assert.True(Equals(expected, fromParquet), $"{where}: staged «{expected}», Parquet gave «{fromParquet}»");
                Assert.Equal(fromNdjson?.GetType(), fromParquet?.GetType());
                if (fromParquet is DateTime dt) Assert.Equal(DateTimeKind.Unspecified, dt.Kind);
                if (fromParquet is DateTimeOffset dto) Assert.Equal(TimeSpan.Zero, dto.Offset);
                // Without precision a decimal keeps its own scale; decimal(p,s) comes back at scale s (equal value).
                if (fromParquet is decimal m) Assert.Equal(Columns[c].Precision is null ? ((decimal)fromNdjson!).Scale : Columns[c].Scale, m.Scale);
            }
        }
        Assert.Equal("", parquet[^3].Values[0]);
        Assert.Null(parquet[^4].Values[0]);
    }

    [Fact]
    public async Task A_parquet_staging_file_cut_off_before_its_footer_is_refused_as_incomplete_naming_it()
    {
        var path = await WriteAsync(StagingFormat.Parquet, NastyRows.Generate(7, 3000).Select(r => (object?[])[.. r.Select(NastyRows.Expected), 1m, 1m]).ToList());
        var whole = await File.ReadAllBytesAsync(path, _ct);
        await File.WriteAllBytesAsync(path, whole[..(whole.Length / 2)], _ct);

        var e = await Assert.ThrowsAsync<EtlDataException>(() => ParquetRowReader.OpenAsync(File.OpenRead(path), "run 1/mapped.parquet", _ct));

        Assert.StartsWith("run 1/mapped.parquet: the staged mapped output is incomplete (no Parquet footer: its writer did not finish)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parquet_staging_file_its_writer_never_completed_reads_as_incomplete_even_with_a_footer()
    {
        var path = Path.Combine(_folder, "abandoned.parquet");
        await using (var writer = new ParquetRowWriter(File.Create(path), Columns))
        {
            await writer.WriteAsync([.. NastyRows.Generate(3, 1)[0].Select(NastyRows.Expected), 1m, 1m], "a.csv", 1, _ct);
        }

        var e = await Assert.ThrowsAsync<EtlDataException>(() => ParquetRowReader.OpenAsync(File.OpenRead(path), "run 2/mapped.parquet", _ct));

        Assert.Equal("run 2/mapped.parquet: the staged mapped output is incomplete: the run that wrote it did not finish mapping", e.Message);
    }

    [Fact]
    public async Task An_ndjson_file_renamed_to_parquet_is_refused_as_not_parquet()
    {
        var path = await WriteAsync(StagingFormat.Ndjson, [[.. NastyRows.Generate(3, 1)[0].Select(NastyRows.Expected), 1m, 1m]]);

        var e = await Assert.ThrowsAsync<EtlDataException>(() => ParquetRowReader.OpenAsync(File.OpenRead(path), "run 3/mapped.parquet", _ct));

        Assert.Equal("run 3/mapped.parquet: the staged mapped output is not a Parquet file (no PAR1 magic)", e.Message);
    }

    private static decimal FreeDecimal(Random random) =>
        new(random.Next(), random.Next(), random.Next(0, 1000), random.Next(2) == 0, (byte)random.Next(0, 29));

    private static decimal BigDecimal(Random random) =>
        Math.Round((decimal)random.NextInt64(-999_999_999_999_999_999, 999_999_999_999_999_999) + random.Next(0, 1_000_000) / 1_000_000m, 6);

    private async Task<string> WriteAsync(StagingFormat format, List<object?[]> rows)
    {
        var store = new LocalFolderStagingStore(_folder);
        var run = Guid.NewGuid();
        // Small row groups, so a file crosses several.
        await using (var writer = format == StagingFormat.Parquet
                         ? new ParquetRowWriter(await store.OpenWriteAsync(run, StagingNames.MappedParquet, _ct), Columns, rowGroupRows: 1000)
                         : await StagedMappedRows.CreateAsync(store, run, Columns, format, _ct))
        {
            for (var i = 0; i < rows.Count; i++) await writer.WriteAsync(rows[i], i < 1000 ? "a.csv" : "b.csv", 1 + i * 2, _ct);
            await writer.CompleteAsync(_ct);
        }
        return Path.Combine(_folder, run.ToString(), StagedMappedRows.NameOf(format));
    }

    private async Task<List<(object?[] Values, (string?, long) Position)>> ReadBackAsync(StagingFormat format, List<object?[]> rows)
    {
        var path = await WriteAsync(format, rows);
        var run = Guid.Parse(Path.GetFileName(Path.GetDirectoryName(path))!);
        var store = new LocalFolderStagingStore(_folder);
        var name = await StagedMappedRows.FindAsync(store, run, _ct);
        Assert.Equal(StagedMappedRows.NameOf(format), name);
        await using var reader = await StagedMappedRows.OpenAsync(store, run, name!, "staged", _ct);
        Assert.Equal(Columns, reader.Columns);
        var read = new List<(object?[], (string?, long))>();
        var row = new object?[Columns.Length];
        while (await reader.ReadAsync(row, _ct)) read.Add(((object?[])row.Clone(), (reader.Origin, reader.Record)));
        return read;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

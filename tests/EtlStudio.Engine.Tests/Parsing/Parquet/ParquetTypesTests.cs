using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;
using EtlStudio.Engine.Sources;
using ParquetSharp;
using Xunit;

namespace EtlStudio.Engine.Tests.Parsing.Parquet;

/// <summary>Parquet logical types as the text the mapper converts, from files DuckDB wrote (another implementation
/// than the reader's Apache Arrow C++) and from ParquetSharp (INT96 legacy timestamps).</summary>
public sealed class ParquetTypesTests : IDisposable
{
    private static readonly ParseDefinition Parquet = new() { Format = ParseFormat.Parquet };
    private readonly string _folder = Directory.CreateTempSubdirectory("parquet-types-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Every_DuckDB_type_reads_as_exact_text_with_struct_children_by_dotted_path_and_lists_as_JSON()
    {
        var path = Path.Combine(_folder, "types.parquet");
        DuckDbParquet.Write(path, """
            SELECT 1 AS id, 'Zürich' AS s, 12345.6789::DECIMAL(18,4) AS d, 123456789012345678901234567890.12345678::DECIMAL(38,8) AS big,
              (-0.10)::DECIMAL(9,2) AS neg, TIMESTAMP '2024-03-01 10:20:30.123456' AS ts, TIMESTAMPTZ '2024-03-01 10:20:30.5+02' AS tstz,
              TIMESTAMP_MS '2024-03-01 10:20:30.123' AS tsms, TIMESTAMP_NS '2024-03-01 10:20:30.123456789' AS tsns, DATE '2024-02-29' AS dt,
              TIME '23:59:59.5' AS t, {'city': 'Bern', 'zip': 3000, 'geo': {'lat': 46.9}} AS address, [1, 2, NULL] AS nums,
              ['a"b', 'ü'] AS strs, [] :: INTEGER[] AS empty, true AS b, 'ab\x00c'::BLOB AS bin, 255::UTINYINT AS u8,
              18446744073709551615::UBIGINT AS u64, (-5)::TINYINT AS i8, (-32768)::SMALLINT AS i16, 2147483647 AS i32,
              (-9223372036854775808)::BIGINT AS i64, 1.5::FLOAT AS f, 0.1::DOUBLE AS dbl, '5b2a7f2e-0d6c-4c52-9a37-7b1c0b0e9d11'::UUID AS u,
              MAP {'k': 1} AS m, NULL::INTEGER AS n, '' AS blank
            """);

        var values = await FirstRecordAsync(path);

        Assert.Equal(new Dictionary<string, string?>
        {
            ["id"] = "1", ["s"] = "Zürich", ["d"] = "12345.6789", ["big"] = "123456789012345678901234567890.12345678", ["neg"] = "-0.10",
            ["ts"] = "2024-03-01T10:20:30.123456", ["tstz"] = "2024-03-01T08:20:30.5Z", ["tsms"] = "2024-03-01T10:20:30.123",
            ["tsns"] = "2024-03-01T10:20:30.1234567", ["dt"] = "2024-02-29", ["t"] = "23:59:59.5",
            ["address"] = """{"city":"Bern","zip":3000,"geo":{"lat":46.9}}""", ["address.city"] = "Bern", ["address.zip"] = "3000",
            ["address.geo"] = """{"lat":46.9}""", ["address.geo.lat"] = "46.9", ["nums"] = "[1,2,null]", ["strs"] = """["a\"b","ü"]""",
            ["empty"] = "[]", ["b"] = "true", ["bin"] = "YWIAYw==", ["u8"] = "255", ["u64"] = "18446744073709551615", ["i8"] = "-5",
            ["i16"] = "-32768", ["i32"] = "2147483647", ["i64"] = "-9223372036854775808", ["f"] = "1.5", ["dbl"] = "0.1",
            ["u"] = "5b2a7f2e-0d6c-4c52-9a37-7b1c0b0e9d11", ["m"] = """{"k":1}""", ["n"] = null, ["blank"] = "",
        }, values);
    }

    [Fact]
    public async Task A_null_struct_makes_its_children_null_and_an_unknown_path_binds_negative()
    {
        var path = Path.Combine(_folder, "nulls.parquet");
        DuckDbParquet.Write(path, "SELECT * FROM (VALUES (1, {'city': 'Bern'}), (2, NULL), (3, {'city': NULL})) v(id, address) ORDER BY id");
        await using var reader = await OpenAsync(path);

        Assert.True(reader.Bind("nope") < 0);
        Assert.True(reader.Bind("address.nope") < 0);
        var records = await Parse.AllAsync(reader, "id", "address", "address.city");

        Assert.Equal([["1", """{"city":"Bern"}""", "Bern"], ["2", null, null], ["3", """{"city":null}""", null]], records.Select(r => r.Values));
    }

    [Fact]
    public async Task Rows_of_many_row_groups_read_in_order_with_every_cell_and_a_preview_reads_the_first_row_group_only()
    {
        var path = Path.Combine(_folder, "groups.parquet");
        const int rows = 10_000;
        DuckDbParquet.Write(path, $"""
            SELECT i AS id, CASE WHEN i % 7 = 0 THEN NULL ELSE 'r' || i END AS name, (i * 1.25)::DECIMAL(12,2) AS amount,
              TIMESTAMP '2020-01-01' + INTERVAL (i) SECOND AS at FROM range(1, {rows + 1}) t(i) ORDER BY i
            """, rowGroupSize: 2048);
        using (var file = new ParquetFileReader(path)) Assert.True(file.FileMetaData.NumRowGroups > 1, "DuckDB wrote one row group");

        await using var reader = await OpenAsync(path);
        var records = await Parse.AllAsync(reader, "id", "name", "amount", "at");

        Assert.Equal(rows, records.Count);
        for (var i = 1; i <= rows; i++)
        {
            string?[] expected =
            [
                i.ToString(System.Globalization.CultureInfo.InvariantCulture), i % 7 == 0 ? null : "r" + i,
                (i * 1.25m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
                new DateTime(2020, 1, 1).AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            ];
            Assert.Equal(i, records[i - 1].Number);
            Assert.Equal(expected, records[i - 1].Values);
        }
        int firstGroup;
        using (var file = new ParquetFileReader(path)) firstGroup = checked((int)file.RowGroup(0).MetaData.NumRows);
        await using var preview = await DocumentParser.OpenAsync(new SourceDocument(path, File.OpenRead(path)), Parquet, preview: true, TestContext.Current.CancellationToken);
        Assert.Equal(firstGroup, (await Parse.AllAsync(preview, "id")).Count);
    }

    [Fact]
    public async Task INT96_legacy_timestamps_written_by_ParquetSharp_read_as_local_timestamps()
    {
        var path = Path.Combine(_folder, "int96.parquet");
        DateTime[] times = [new(1970, 1, 1), new(2024, 2, 29, 23, 59, 59, 123, 456), new(1899, 12, 31, 12, 0, 0)];
        using (var writer = new ParquetFileWriter(path, [new Column<int>("id"), new Column<Int96?>("ts")]))
        {
            using var group = writer.AppendRowGroup();
            using (var ids = group.NextColumn().LogicalWriter<int>()) ids.WriteBatch([1, 2, 3, 4]);
            using var column = group.NextColumn().LogicalWriter<Int96?>();
            column.WriteBatch([.. times.Select(t => (Int96?)ToInt96(t)), null]);
            writer.Close();
        }

        await using var reader = await OpenAsync(path);
        var records = await Parse.AllAsync(reader, "id", "ts");

        Assert.Equal([["1", "1970-01-01T00:00:00"], ["2", "2024-02-29T23:59:59.123456"], ["3", "1899-12-31T12:00:00"], ["4", null]],
            records.Select(r => r.Values));
    }

    private static Int96 ToInt96(DateTime time)
    {
        // INT96: nanoseconds of the day (8 bytes, little-endian) then the Julian day number (4 bytes).
        var nanos = (time - time.Date).Ticks * 100;
        var julianDay = (int)(time.Date - new DateTime(1970, 1, 1)).TotalDays + 2_440_588;
        return new Int96((int)(nanos & 0xFFFFFFFF), (int)(nanos >> 32), julianDay);
    }

    private static async Task<IRecordReader> OpenAsync(string path) =>
        await DocumentParser.OpenAsync(new SourceDocument(path, File.OpenRead(path)), Parquet, TestContext.Current.CancellationToken);

    private static async Task<Dictionary<string, string?>> FirstRecordAsync(string path)
    {
        await using var reader = await OpenAsync(path);
        var fields = reader.Fields.ToArray();
        var handles = fields.Select(reader.Bind).ToArray();
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        var values = fields.Select((f, i) => (f, reader.GetValue(handles[i]))).ToDictionary(p => p.f, p => p.Item2);
        Assert.False(await reader.ReadAsync(TestContext.Current.CancellationToken));
        return values;
    }
}

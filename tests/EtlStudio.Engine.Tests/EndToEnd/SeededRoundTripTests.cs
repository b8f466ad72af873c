using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Tests.Mapping;
using EtlStudio.Testing;
using Npgsql;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>Seeded rows of every type → several CSV, JSON or XML files → the real FlowRunner → PostgreSQL, read back with
/// Npgsql and compared cell for cell; each row also says which file and record it came from.</summary>
public sealed class SeededRoundTripTests(PostgresServer postgres)
{
    private static ColumnMap[] WithOrigin(IEnumerable<ColumnMap> columns) =>
    [
        .. columns,
        new() { TargetColumn = "source_file", Derived = DerivedValue.SourceName },
        new() { TargetColumn = "record", Derived = DerivedValue.RowNumber, Type = ColumnType.Long },
    ];

    [Theory]
    [InlineData(20261125, ',')]
    [InlineData(42, ';')]
    [InlineData(7, '\t')]
    public async Task Every_cell_of_seeded_CSV_files_arrives_in_PostgreSQL_and_each_row_knows_its_file(int seed, char separator)
    {
        await using var host = new EngineHost();
        var files = new[] { "a.csv", "b.csv", "c.csv" };
        var parts = Split(SeededRows.Generate(seed, 900), files);
        foreach (var (file, rows) in parts) await SeededFiles.WriteCsvAsync(host.PathOf(file), rows, separator);

        var parse = new ParseDefinition { Delimiter = separator.ToString() };
        await AssertLoadedAsync(host, "*.csv", parse, parts);
    }

    [Theory]
    [InlineData(20261125)]
    [InlineData(3)]
    public async Task Every_cell_of_seeded_JSON_array_and_NDJSON_files_arrives_in_PostgreSQL(int seed)
    {
        await using var host = new EngineHost();
        var parts = Split(SeededRows.Generate(seed, 600), ["array.json", "lines.json"]);
        await SeededFiles.WriteJsonAsync(host.PathOf("array.json"), parts[0].Rows);
        await SeededFiles.WriteJsonAsync(host.PathOf("lines.json"), parts[1].Rows, ndjson: true);

        await AssertLoadedAsync(host, "*.json", new ParseDefinition { Format = ParseFormat.Json }, parts);
    }

    [Theory]
    [InlineData(20261125, false)]
    [InlineData(11, true)]
    public async Task Every_cell_of_seeded_XML_files_arrives_in_PostgreSQL(int seed, bool textAsAttribute)
    {
        await using var host = new EngineHost();
        var parts = Split(SeededRows.Generate(seed, 600), ["a.xml", "b.xml"]);
        foreach (var (file, rows) in parts) await SeededXml.WriteAsync(host.PathOf(file), rows, textAsAttribute);

        var parse = new ParseDefinition { Format = ParseFormat.Xml, RecordElement = SeededXml.RecordElement };
        await AssertLoadedAsync(host, "*.xml", parse, parts, SeededXml.Columns(textAsAttribute));
    }

    private static List<(string File, List<object?[]> Rows)> Split(List<object?[]> rows, string[] files)
    {
        var size = (rows.Count + files.Length - 1) / files.Length;
        return [.. files.Select((f, i) => (f, rows.Skip(i * size).Take(size).ToList()))];
    }

    private async Task AssertLoadedAsync(EngineHost host, string pattern, ParseDefinition parse, List<(string File, List<object?[]> Rows)> parts,
        IEnumerable<ColumnMap>? maps = null)
    {
        await using var db = await TargetDatabase.CreateAsync(Engine.Definitions.DatabaseProvider.PostgreSql, postgres);
        var columns = string.Join(", ", SeededRows.Columns.Select(c => $"{c.Map.TargetColumn} {c.PgType}"));
        await db.ExecuteAsync($"CREATE TABLE seeded ({columns}, source_file text NOT NULL, record int8 NOT NULL)");
        var flow = host.Flow(WithOrigin(maps ?? SeededRows.Columns.Select(c => c.Map)), DatabaseProvider.PostgreSql, db.ConnectionString, "seeded", pattern, parse) with { BatchSize = 97 };

        var result = await host.RunAsync(flow);

        Assert.True(result.Succeeded, result.Error?.ToString());
        var total = parts.Sum(p => p.Rows.Count);
        Assert.Equal((total, total, 0L), (result.RowsRead, result.RowsWritten, result.RowsRejected));
        var loaded = await ReadBackAsync(db.ConnectionString);
        Assert.Equal(total, loaded.Count);
        var n = 0;
        foreach (var (file, rows) in parts)
        {
            for (var r = 0; r < rows.Count; r++, n++)
            {
                var (actual, sourceFile, record) = loaded[n];
                var where = $"{file} record {r + 1}";
                Assert.Equal((host.PathOf(file), r + 1L), (sourceFile, record));
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var expected = SeededRows.Loaded(rows[r][c]);
                    Assert.True(Equals(expected, actual[c]),
                        $"{where}, column {SeededRows.Columns[c].Map.TargetColumn}: expected «{NastyRows.Format(expected)}», got «{NastyRows.Format(actual[c])}»");
                }
            }
        }
    }

    /// <summary>Rows in file and record order, each cell read as the CLR type the engine maps that column to.</summary>
    private static async Task<List<(object?[] Cells, string File, long Record)>> ReadBackAsync(string connectionString)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT * FROM seeded ORDER BY source_file, record", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<(object?[], string, long)>();
        var width = SeededRows.Columns.Length;
        while (await reader.ReadAsync(ct))
        {
            var cells = new object?[width];
            for (var c = 0; c < width; c++)
            {
                cells[c] = await reader.IsDBNullAsync(c, ct) ? null : SeededRows.Columns[c].Map.Type switch
                {
                    ColumnType.Date => reader.GetFieldValue<DateOnly>(c),
                    ColumnType.DateTimeOffset => reader.GetFieldValue<DateTimeOffset>(c),
                    _ => reader.GetValue(c),
                };
            }
            rows.Add((cells, reader.GetString(width), reader.GetInt64(width + 1)));
        }
        return rows;
    }
}

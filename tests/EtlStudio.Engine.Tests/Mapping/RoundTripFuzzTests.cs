using System.Text;
using System.Text.Json;
using CsvHelper;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Mapping;
using EtlStudio.Engine.Parsing;
using EtlStudio.Engine.Sources;
using Xunit;

namespace EtlStudio.Engine.Tests.Mapping;

/// <summary>Typed rows → file text → parse → map must give back every cell exactly.</summary>
public sealed class RoundTripFuzzTests
{
    private const int Rows = 2000;
    private static readonly RunValues Run = new(Guid.NewGuid(), DateTimeOffset.UtcNow);

    [Theory]
    [InlineData(20241125, ',')]
    [InlineData(7, ';')]
    [InlineData(99, '\t')]
    public async Task Every_cell_survives_CSV_written_by_CsvHelper(int seed, char separator)
    {
        var rows = NastyRows.Generate(seed, Rows);
        var stream = new MemoryStream();
        await using (var csv = CsvWriter.Create(stream, new CsvWriterOptions { Separator = separator }, leaveOpen: true))
        {
            csv.WriteHeader([.. NastyRows.Columns.Select(c => c.SourceField!)]);
            foreach (var row in rows) csv.WriteRecord([.. row.Select(NastyRows.Format)]);
        }

        var parse = new ParseDefinition { Delimiter = separator.ToString() };
        await AssertRoundTripAsync(new SourceDocument("fuzz.csv", new MemoryStream(stream.ToArray())), parse, rows);
    }

    [Theory]
    [InlineData(20241125, JsonLayout.Array)]
    [InlineData(5, JsonLayout.Ndjson)]
    public async Task Every_cell_survives_JSON(int seed, JsonLayout layout)
    {
        var rows = NastyRows.Generate(seed, Rows);
        var stream = new MemoryStream();
        await using (var json = new Utf8JsonWriter(stream))
        {
            if (layout == JsonLayout.Array) json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                for (var c = 0; c < row.Length; c++)
                {
                    json.WritePropertyName(NastyRows.Columns[c].SourceField!);
                    WriteJsonValue(json, row[c], NastyRows.Columns[c].Type);
                }
                json.WriteEndObject();
                if (layout == JsonLayout.Ndjson)
                {
                    await json.FlushAsync(TestContext.Current.CancellationToken);
                    json.Reset();
                    stream.WriteByte((byte)'\n');
                }
            }
            if (layout == JsonLayout.Array) json.WriteEndArray();
        }

        var parse = new ParseDefinition { Format = ParseFormat.Json, JsonLayout = layout };
        await AssertRoundTripAsync(new SourceDocument("fuzz.json", new MemoryStream(stream.ToArray())), parse, rows);
    }

    private static void WriteJsonValue(Utf8JsonWriter json, object? value, ColumnType type)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case decimal m: json.WriteNumberValue(m); break;
            case double d: json.WriteNumberValue(d); break;
            case bool b: json.WriteBooleanValue(b); break;
            case string s when type == ColumnType.Json: json.WriteRawValue(s); break;
            default: json.WriteStringValue(NastyRows.Format(value)); break;
        }
    }

    private static async Task AssertRoundTripAsync(SourceDocument document, ParseDefinition parse, List<object?[]> rows)
    {
        await using var reader = await DocumentParser.OpenAsync(document, parse, TestContext.Current.CancellationToken);
        var bound = RowMapper.Compile(NastyRows.Columns, "fuzz").Bind(reader);
        var mapped = new object?[NastyRows.Columns.Length];
        var n = 0;
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var reject = bound.Map(mapped, Run);
            Assert.True(reject is null, $"row {n + 1} rejected: {reject}");
            NastyRows.AssertRowEqual(rows[n], mapped, $"{document.Name} row {n + 1}");
            n++;
        }
        Assert.Equal(rows.Count, n);
    }
}

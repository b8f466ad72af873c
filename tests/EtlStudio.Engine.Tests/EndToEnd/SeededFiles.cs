using System.Text;
using System.Text.Json;
using CsvHelper;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Tests.Mapping;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>Writes <see cref="SeededRows"/> as source files: CSV through CsvHelper's writer, JSON through
/// <see cref="Utf8JsonWriter"/>, values in invariant round-trip formats.</summary>
internal static class SeededFiles
{
    public static async Task WriteCsvAsync(string path, IEnumerable<object?[]> rows, char separator = ',')
    {
        await using var stream = File.Create(path);
        await using var csv = CsvWriter.Create(stream, new CsvWriterOptions { Separator = separator });
        csv.WriteHeader([.. SeededRows.Columns.Select(c => c.Map.SourceField!)]);
        foreach (var row in rows) csv.WriteRecord([.. row.Select(NastyRows.Format)]);
    }

    public static async Task WriteJsonAsync(string path, IEnumerable<object?[]> rows, bool ndjson = false)
    {
        await using var stream = File.Create(path);
        await using var json = new Utf8JsonWriter(stream);
        if (!ndjson) json.WriteStartArray();
        foreach (var row in rows)
        {
            json.WriteStartObject();
            for (var c = 0; c < row.Length; c++)
            {
                json.WritePropertyName(SeededRows.Columns[c].Map.SourceField!);
                switch (row[c])
                {
                    case null: json.WriteNullValue(); break;
                    case int i: json.WriteNumberValue(i); break;
                    case long l: json.WriteNumberValue(l); break;
                    case decimal m: json.WriteNumberValue(m); break;
                    case double d: json.WriteNumberValue(d); break;
                    case bool b: json.WriteBooleanValue(b); break;
                    case string s when SeededRows.Columns[c].Map.Type == ColumnType.Json: json.WriteRawValue(s); break;
                    case var v: json.WriteStringValue(NastyRows.Format(v)); break;
                }
            }
            json.WriteEndObject();
            if (ndjson)
            {
                await json.FlushAsync();
                json.Reset();
                stream.WriteByte((byte)'\n');
            }
        }
        if (!ndjson) json.WriteEndArray();
    }

    /// <summary>Plain CSV text written as is (for broken files).</summary>
    public static Task WriteTextAsync(string path, string text) => File.WriteAllTextAsync(path, text, new UTF8Encoding(false));
}

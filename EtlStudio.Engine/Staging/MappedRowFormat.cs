using System.Text.Json;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;

namespace EtlStudio.Engine.Staging;

/// <summary>The staged mapped output (<c>mapped.ndjson</c>): a header line naming the columns and their types, then
/// one JSON array per row, then a trailer <c>{"rows":N}</c> written only when mapping finished, so a run that died
/// half-way is never replayed as if it were whole. With <c>"positions":true</c> in the header, each row ends with its
/// record number in its source, and a line <c>{"origin":"…"}</c> comes before the rows of each source: a resume from
/// the staged rows then skips exactly what the batch ledger's receipts (which name the source) cover. Values travel as exact text so a replay loads the very same typed values: decimals as JSON
/// numbers with their scale, doubles as round-trip numbers (non-finite ones as strings), dates and times in ISO 8601
/// round-trip form, JSON columns as strings.</summary>
internal static class MappedRowFormat
{
    public const string DateFormat = "yyyy-MM-dd";
    public const string TimeFormat = "O";

    public const string PositionsProperty = "positions";
    public const string OriginProperty = "origin";

    public static void WriteHeader(Utf8JsonWriter writer, IReadOnlyList<TargetColumn> columns)
    {
        writer.WriteStartObject();
        writer.WriteBoolean(PositionsProperty, true);
        writer.WriteStartArray("columns");
        foreach (var c in columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", c.Name);
            writer.WriteString("type", c.Type.ToString());
            if (c.Precision is { } p) writer.WriteNumber("precision", p);
            if (c.Scale is { } s) writer.WriteNumber("scale", s);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public const string RowsProperty = "rows";

    public static IReadOnlyList<TargetColumn> ReadHeader(JsonElement header) =>
        [.. header.GetProperty("columns").EnumerateArray().Select(c => new TargetColumn(
            c.GetProperty("name").GetString()!,
            Enum.Parse<ColumnType>(c.GetProperty("type").GetString()!),
            c.TryGetProperty("precision", out var p) ? p.GetInt32() : null,
            c.TryGetProperty("scale", out var s) ? s.GetInt32() : null))];
}

using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;

namespace EtlStudio.Engine.Mapping;

/// <summary>Maps the current record of one reader into a row buffer.</summary>
internal sealed class BoundRowMapper(
    ColumnMap[] maps, ColumnConverter?[] converters, int[] handles, IRecordReader reader, object?[] messageCells, MappedFieldCheck? check = null)
{
    /// <summary>Fills <paramref name="row"/> from the reader's current record. Returns null on success, or the
    /// rejected row (first failing cell, or the reader's record error) — the row buffer is then garbage.</summary>
    public RejectedRow? Map(object?[] row, in RunValues run)
    {
        if (reader.RecordError is { } recordError)
        {
            return new RejectedRow(reader.Origin, reader.RecordNumber, reader.RecordErrorField, reader.RecordText(MaxRecordChars), recordError);
        }
        if (check is { Unseen: > 0 }) check.Observe(reader, handles);
        for (var c = 0; c < maps.Length; c++)
        {
            var map = maps[c];
            if (map.Derived != DerivedValue.None)
            {
                row[c] = map.Derived.IsFromMessage() ? messageCells[c] : DerivedColumn.Value(map.Derived, map.Type, run, reader.Origin, reader.RecordNumber);
                continue;
            }
            if (IsUtf8Convertible(map) && reader.TryGetUtf8(handles[c], out var utf8) && utf8.Length <= MaxStackChars)
            {
                if (MapUtf8(c, map, utf8, row) is { } rejected) return rejected;
                continue;
            }
            var raw = reader.GetValue(handles[c]);
            var source = raw;
            var text = Prepare(raw, map.Trim);
            if (text.IsEmpty && map.Type == ColumnType.String && reader.IsQuotedEmpty(handles[c]))
            {
                row[c] = "";
                continue;
            }
            if (text.IsEmpty && map.Default is not null)
            {
                source = map.Default;
                text = Prepare(source, map.Trim);
            }
            if (text.IsEmpty)
            {
                if (map.Required) return Reject(map, raw, "a value is required but the field is empty or missing");
                row[c] = null;
                continue;
            }
            if (!converters[c]!.TryConvert(text, source, out var value, out var reason))
            {
                return Reject(map, raw, reason!);
            }
            row[c] = value;
        }
        return null;
    }

    private const int MaxStackChars = 128;

    /// <summary>How much of a malformed record a reject keeps as its value: enough to recognise it, not a whole blob.</summary>
    private const int MaxRecordChars = 200;

    /// <summary>Numbers, booleans, dates and GUIDs need no string: they are decoded onto the stack and converted.
    /// Strings and JSON keep the string; a default makes the slow path simpler to reason about.</summary>
    private static bool IsUtf8Convertible(ColumnMap map) =>
        map.Type is not (ColumnType.String or ColumnType.Json) && map.Default is null;

    private RejectedRow? MapUtf8(int c, ColumnMap map, ReadOnlySpan<byte> utf8, object?[] row)
    {
        Span<char> chars = stackalloc char[MaxStackChars];
        var decoded = chars[..System.Text.Encoding.UTF8.GetChars(utf8, chars)];
        var text = map.Trim ? decoded.Trim() : decoded;
        if (text.IsEmpty)
        {
            if (map.Required) return Reject(map, decoded.ToString(), "a value is required but the field is empty or missing");
            row[c] = null;
            return null;
        }
        if (!converters[c]!.TryConvert(text, null, out var value, out var reason)) return Reject(map, decoded.ToString(), reason!);
        row[c] = value;
        return null;
    }

    private static ReadOnlySpan<char> Prepare(string? s, bool trim) => trim ? s.AsSpan().Trim() : s.AsSpan();

    private RejectedRow Reject(ColumnMap map, string? raw, string reason)
    {
        var field = map.SourceField is { } f && !string.Equals(f, map.TargetColumn, StringComparison.Ordinal) ? $" (source field '{f}')" : "";
        return new RejectedRow(reader.Origin, reader.RecordNumber, map.TargetColumn, raw, reason + field);
    }
}

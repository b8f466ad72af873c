using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Mapping.Expressions;
using EtlStudio.Engine.Parsing;

namespace EtlStudio.Engine.Mapping;

/// <summary>Maps the current record of one reader into a row buffer: the source and run columns, then the computed
/// columns and the row filter (<paramref name="program"/>, evaluated over <paramref name="expressions"/>).</summary>
internal sealed class BoundRowMapper(
    ColumnMap[] maps, ColumnConverter?[] converters, int[] handles, IRecordReader reader, object?[] messageCells, MappedFieldCheck? check = null,
    ExpressionProgram? program = null, ExpressionRow? expressions = null)
{
    /// <summary>The reject's column of a row whose filter throws.</summary>
    public const string FilterColumn = "filter";

    /// <summary>The reader moved on to the document of <paramref name="message"/> (its bound fields stay): the run's
    /// check hears of it as of a newly bound document, and the message-derived cells take this message's values.</summary>
    public void Rebind(SourceMessage? message)
    {
        check?.Bound(reader, handles);
        MessageColumns.Fill(maps, message, messageCells);
    }

    /// <summary>Maps a row of a flow without a row filter; see <see cref="Map(object?[], in RunValues, out bool)"/>.</summary>
    public RejectedRow? Map(object?[] row, in RunValues run)
    {
        var reject = Map(row, run, out var filtered);
        return filtered ? throw new InvalidOperationException("the flow has a row filter: map with Map(row, run, out filtered)") : reject;
    }

    /// <summary>Fills <paramref name="row"/> from the reader's current record. Returns null on success, or the
    /// rejected row (first failing cell, a computed column or filter that threw, or the reader's record error) — the
    /// row buffer is then garbage. <paramref name="filtered"/>: the row filter dropped the row (not a reject; the
    /// buffer is garbage too).</summary>
    public RejectedRow? Map(object?[] row, in RunValues run, out bool filtered)
    {
        filtered = false;
        if (reader.RecordError is { } recordError)
        {
            return new RejectedRow(reader.Origin, reader.RecordNumber, reader.RecordErrorField, reader.RecordText(MaxRecordChars), recordError);
        }
        if (check is { Unseen: > 0 }) check.Observe(reader, handles);
        if (program is null)
        {
            for (var c = 0; c < maps.Length; c++)
            {
                if (MapSource(c, row, run) is { } rejected) return rejected;
            }
            return null;
        }
        expressions!.Row = row;
        expressions.Run = run;
        var order = program.Order;
        for (var i = 0; i <= order.Length; i++)
        {
            if (i == program.BeforeFilter && program.Filter is { } filter)
            {
                if (Keep(filter, out var rejected) is not true)
                {
                    filtered = rejected is null;
                    return rejected;
                }
            }
            if (i == order.Length) break;
            if (MapColumn(order[i], row, run) is { } reject) return reject;
        }
        return null;
    }

    /// <summary>For a preview: maps every column, going on past a failing one (its cell null, its reject in
    /// <paramref name="cells"/>), and says whether the filter keeps the row: null when the filter did not run
    /// because a column it needs failed. A filter that throws gives <paramref name="filterReject"/>.</summary>
    public bool? MapEvery(object?[] row, in RunValues run, RejectedRow?[] cells, out RejectedRow? filterReject)
    {
        filterReject = null;
        bool? kept = true;
        var order = program?.Order ?? [.. Enumerable.Range(0, maps.Length)];
        if (expressions is not null)
        {
            expressions.Row = row;
            expressions.Run = run;
        }
        for (var i = 0; i <= order.Length; i++)
        {
            if (i == program?.BeforeFilter && program.Filter is { } filter)
            {
                kept = order[..i].Any(c => cells[c] is not null) ? null : Keep(filter, out filterReject);
            }
            if (i == order.Length) break;
            var column = order[i];
            cells[column] = MapColumn(column, row, run);
            if (cells[column] is not null) row[column] = null;
        }
        return kept;
    }

    private RejectedRow? MapColumn(int c, object?[] row, in RunValues run) =>
        program?.Computed[c] is { } compute ? Compute(c, compute, row) : MapSource(c, row, run);

    private bool? Keep(Func<ExpressionRow, bool> filter, out RejectedRow? rejected)
    {
        rejected = null;
        try
        {
            return filter(expressions!);
        }
        catch (Exception e)
        {
            // A filter that throws for one row (bad input to a function) rejects that row, located, as a cell would.
            rejected = new RejectedRow(reader.Origin, reader.RecordNumber, FilterColumn, program!.FilterText, e.Message);
            return null;
        }
    }

    private RejectedRow? Compute(int c, Func<ExpressionRow, object?> compute, object?[] row)
    {
        var map = maps[c];
        expressions!.LookupMiss = null;
        object? value;
        try
        {
            value = compute(expressions);
        }
        catch (Exception e)
        {
            // Division by zero, overflow, a date that does not parse, a regex timeout: this row's problem, not the run's.
            return new RejectedRow(reader.Origin, reader.RecordNumber, map.TargetColumn, program!.Texts[c], e.Message);
        }
        if (value is null && map.Required)
        {
            return new RejectedRow(reader.Origin, reader.RecordNumber, map.TargetColumn, program!.Texts[c],
                expressions.LookupMiss ?? "a value is required but the expression gave none (null)");
        }
        row[c] = value;
        return null;
    }

    private RejectedRow? MapSource(int c, object?[] row, in RunValues run)
    {
        var map = maps[c];
        if (map.Derived != DerivedValue.None)
        {
            row[c] = map.Derived.IsFromMessage() ? messageCells[c] : DerivedColumn.Value(map.Derived, map.Type, run, reader.Origin, reader.RecordNumber);
            return null;
        }
        if (_utf8[c] && reader.TryGetUtf8(handles[c], out var utf8) && utf8.Length <= MaxStackChars)
        {
            if (Utf8Text.Trimmed(utf8, map.Trim) is { IsEmpty: false } bytes && converters[c]!.TryConvertUtf8(bytes, out var fast))
            {
                row[c] = fast;
                return null;
            }
            return MapDecoded(c, map, utf8, row);
        }
        var raw = reader.GetValue(handles[c]);
        var source = raw;
        var text = Prepare(raw, map.Trim);
        if (text.IsEmpty && map.Type == ColumnType.String && reader.IsQuotedEmpty(handles[c]))
        {
            row[c] = "";
            return null;
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
            return null;
        }
        if (!converters[c]!.TryConvert(text, source, out var value, out var reason))
        {
            return Reject(map, raw, reason!);
        }
        row[c] = value;
        return null;
    }

    private const int MaxStackChars = 128;

    /// <summary>Per column, whether its cells go the UTF-8 path (decided once, not per cell).</summary>
    private readonly bool[] _utf8 = [.. maps.Select(IsUtf8Convertible)];

    /// <summary>How much of a malformed record a reject keeps as its value: enough to recognise it, not a whole blob.</summary>
    private const int MaxRecordChars = 200;

    /// <summary>Numbers, booleans, dates and GUIDs need no string: they are converted from the UTF-8 bytes, or decoded
    /// onto the stack and converted.
    /// Strings and JSON keep the string; a default makes the slow path simpler to reason about.</summary>
    private static bool IsUtf8Convertible(ColumnMap map) =>
        map.Type is not (ColumnType.String or ColumnType.Json) && map.Default is null;

    /// <summary>The field the UTF-8 path did not take (or took as invalid): decoded onto the stack and converted as text,
    /// which decides the value or the reject and its reason. Apart from the UTF-8 path, whose cells need no stack buffer.</summary>
    private RejectedRow? MapDecoded(int c, ColumnMap map, ReadOnlySpan<byte> utf8, object?[] row)
    {
        // An empty field (a null) needs no buffer.
        Span<char> chars = utf8.IsEmpty ? [] : stackalloc char[MaxStackChars];
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

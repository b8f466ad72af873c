using System.Text;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Mapping;

/// <summary>The cells of the message-derived columns (key, headers, partition, offset, timestamp). They are the same
/// for every record of a document, so they are worked out once when a reader is bound.</summary>
internal static class MessageColumns
{
    /// <summary>One cell per column: the message value for message-derived columns, null elsewhere — and null for
    /// every column when the document is not a message (files, HTTP pages, queries).</summary>
    public static object?[] Cells(ColumnMap[] maps, SourceMessage? message)
    {
        var cells = new object?[maps.Length];
        Fill(maps, message, cells);
        return cells;
    }

    /// <summary>Sets the message-derived <paramref name="cells"/> to <paramref name="message"/>'s values (null without one).</summary>
    public static void Fill(ColumnMap[] maps, SourceMessage? message, object?[] cells)
    {
        for (var c = 0; c < maps.Length; c++)
        {
            if (maps[c].Derived.IsFromMessage()) cells[c] = message is null ? null : Value(maps[c], message);
        }
    }

    private static object? Value(ColumnMap map, SourceMessage message) => map.Derived switch
    {
        DerivedValue.MessageKey => Text(message.Key),
        DerivedValue.MessageHeader => Text(LastHeader(message, map.SourceField!.Trim())),
        DerivedValue.MessagePartition => DerivedColumn.Number(message.Partition, map.Type),
        DerivedValue.MessageOffset => DerivedColumn.Number(message.Offset, map.Type),
        DerivedValue.MessageTimestamp => message.Timestamp is { } at ? DerivedColumn.Time(at.ToUniversalTime(), map.Type) : null,
        _ => throw new InvalidOperationException($"derived {map.Derived} is not a message value"),
    };

    // Kafka clients read a repeated header as its last value (Confluent's Headers.GetLastBytes).
    private static byte[]? LastHeader(SourceMessage message, string name)
    {
        if (message.Headers is not { } headers) return null;
        for (var i = headers.Count - 1; i >= 0; i--)
        {
            if (string.Equals(headers[i].Key, name, StringComparison.Ordinal)) return headers[i].Value;
        }
        return null;
    }

    // Empty is the same as missing, as for source fields. Bytes that are not UTF-8 become U+FFFD rather than failing the batch.
    private static string? Text(byte[]? bytes) => bytes is { Length: > 0 } ? Encoding.UTF8.GetString(bytes) : null;
}

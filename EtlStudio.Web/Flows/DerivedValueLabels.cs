using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Flows;

/// <summary>How the designer and validation messages name a <see cref="DerivedValue"/>.</summary>
public static class DerivedValueLabels
{
    /// <summary>The values the designer offers for every source, in menu order.</summary>
    public static IReadOnlyList<DerivedValue> RunValues { get; } =
        [DerivedValue.RunId, DerivedValue.SourceName, DerivedValue.LoadTime, DerivedValue.RowNumber];

    /// <summary>The values the designer offers for a Kafka source only, in menu order.</summary>
    public static IReadOnlyList<DerivedValue> MessageValues { get; } =
        [DerivedValue.MessageKey, DerivedValue.MessageHeader, DerivedValue.MessagePartition, DerivedValue.MessageOffset, DerivedValue.MessageTimestamp];

    public static string Of(DerivedValue value) => value switch
    {
        DerivedValue.RunId => "Run id",
        DerivedValue.SourceName => "Source name",
        DerivedValue.LoadTime => "Load time",
        DerivedValue.RowNumber => "Row number",
        DerivedValue.MessageKey => "Message key",
        DerivedValue.MessagePartition => "Message partition",
        DerivedValue.MessageOffset => "Message offset",
        DerivedValue.MessageTimestamp => "Message timestamp",
        DerivedValue.MessageHeader => "Message header",
        _ => value.ToString(),
    };

    /// <summary>The menu entry: the header's name is typed where a source field would be.</summary>
    public static string MenuEntry(DerivedValue value) =>
        value == DerivedValue.MessageHeader ? "Message header (name in Source field)" : Of(value);
}

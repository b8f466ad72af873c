namespace EtlStudio.Engine.Definitions;

/// <summary>Target column types.</summary>
public enum ColumnType
{
    /// <summary>Text.</summary>
    String,
    /// <summary>32-bit integer.</summary>
    Int,
    /// <summary>64-bit integer.</summary>
    Long,
    /// <summary>decimal(p,s).</summary>
    Decimal,
    /// <summary>Double precision.</summary>
    Double,
    /// <summary>Boolean (true/false, 1/0, yes/no, y/n).</summary>
    Bool,
    /// <summary>Date without time (<see cref="DateOnly"/>).</summary>
    Date,
    /// <summary>Timestamp without zone (<see cref="DateTime"/>).</summary>
    DateTime,
    /// <summary>Timestamp with offset (<see cref="DateTimeOffset"/>); loaded as UTC where the database has no offset.</summary>
    DateTimeOffset,
    /// <summary>UUID.</summary>
    Guid,
    /// <summary>JSON text (validated).</summary>
    Json,
}

/// <summary>Values a column can take from the run instead of from a source field.</summary>
public enum DerivedValue
{
    /// <summary>Taken from the source field.</summary>
    None,
    /// <summary>The run id.</summary>
    RunId,
    /// <summary>The file, URL or message origin the row came from.</summary>
    SourceName,
    /// <summary>When the run started loading (UTC).</summary>
    LoadTime,
    /// <summary>The row's record number within its source.</summary>
    RowNumber,
    /// <summary>The Kafka message's key, decoded as UTF-8 (String columns); null without a key or for other sources.</summary>
    MessageKey,
    /// <summary>The Kafka message's partition; null for other sources.</summary>
    MessagePartition,
    /// <summary>The Kafka message's offset within its partition; null for other sources.</summary>
    MessageOffset,
    /// <summary>The Kafka message's timestamp (UTC); null when it has none or for other sources.</summary>
    MessageTimestamp,
    /// <summary>A Kafka message header, named (case-sensitively) in <see cref="ColumnMap.SourceField"/>, decoded as
    /// UTF-8 (String columns). The last header of that name wins, as in Kafka clients; a missing header is null.</summary>
    MessageHeader,
}

/// <summary>Questions about <see cref="DerivedValue"/>s.</summary>
public static class DerivedValues
{
    /// <summary>True for the values taken from a Kafka message (key, partition, offset, timestamp, header): only a
    /// message source has them; for any other source they are null.</summary>
    public static bool IsFromMessage(this DerivedValue value) =>
        value is DerivedValue.MessageKey or DerivedValue.MessagePartition or DerivedValue.MessageOffset or DerivedValue.MessageTimestamp or DerivedValue.MessageHeader;
}

/// <summary>One target column and where its value comes from.</summary>
public sealed record ColumnMap
{
    /// <summary>Source field name or path (<c>customer.address.city</c>; XML attributes as <c>@id</c>). Ignored for derived
    /// columns, except <see cref="DerivedValue.MessageHeader"/> where it names the header.</summary>
    public string? SourceField { get; init; }
    /// <summary>Destination column name.</summary>
    public required string TargetColumn { get; init; }
    /// <summary>Target type.</summary>
    public ColumnType Type { get; init; } = ColumnType.String;
    /// <summary>Precision for <see cref="ColumnType.Decimal"/>.</summary>
    public int? Precision { get; init; }
    /// <summary>Scale for <see cref="ColumnType.Decimal"/>.</summary>
    public int? Scale { get; init; }
    /// <summary>Exact parse format (e.g. <c>dd/MM/yyyy</c>); null = culture's general parsing.</summary>
    public string? Format { get; init; }
    /// <summary>Culture name for numbers and dates (e.g. <c>fr-FR</c>); null/empty = invariant.</summary>
    public string? Culture { get; init; }
    /// <summary>Value used when the source is missing or empty (then converted like a source value).</summary>
    public string? Default { get; init; }
    /// <summary>A row whose value is still empty after default is rejected.</summary>
    public bool Required { get; init; }
    /// <summary>The source field may be absent from the input: a CSV header without it, or no JSON/XML record of the
    /// run that has it. The column is then empty (its <see cref="Default"/>, else null) and the run warns once. When
    /// false, such a field fails the run, naming the file and the field, since a misspelt field name would otherwise
    /// load a column of nulls.</summary>
    public bool Optional { get; init; }
    /// <summary>Trim white space before conversion.</summary>
    public bool Trim { get; init; } = true;
    /// <summary>Take the value from the run instead of the source.</summary>
    public DerivedValue Derived { get; init; } = DerivedValue.None;
}

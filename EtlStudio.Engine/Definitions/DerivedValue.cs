namespace EtlStudio.Engine.Definitions;

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

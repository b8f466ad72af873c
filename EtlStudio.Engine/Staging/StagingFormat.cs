namespace EtlStudio.Engine.Staging;

/// <summary>How a run stages its mapped rows (<c>Staging:Format</c>). Either can be replayed whatever the setting is
/// now: a replay finds the format from the artifact's name.</summary>
public enum StagingFormat
{
    /// <summary><c>mapped.ndjson</c>: one JSON array per row, exact text of each value.</summary>
    Ndjson,

    /// <summary><c>mapped.parquet</c>: typed Parquet columns written in bounded row groups (ParquetSharp).</summary>
    Parquet,
}

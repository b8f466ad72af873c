using EtlStudio.Engine.Definitions;

namespace EtlStudio.Data.Entities;

/// <summary>Source → parse → map → load, within a group.</summary>
public class Flow
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public Group? Group { get; set; }
    public required string Name { get; set; }
    public int Order { get; set; }
    public bool Enabled { get; set; } = true;

    // Source: the connection's kind says which of these apply.
    public int? SourceConnectionId { get; set; }
    public Connection? SourceConnection { get; set; }
    /// <summary>File glob relative to the folder/container (files), or path appended to the base URL (HTTP).</summary>
    public string? SourcePath { get; set; }
    public string? HttpMethod { get; set; }
    public string? HttpBody { get; set; }
    /// <summary>Extra request headers as a JSON object.</summary>
    public string? HttpHeaders { get; set; }
    /// <summary>Pagination settings as JSON (kind, next-link path, parameters, page size).</summary>
    public string? HttpPagination { get; set; }
    /// <summary>SELECT statement for database sources.</summary>
    public string? SourceQuery { get; set; }
    /// <summary>Kafka topic for message sources.</summary>
    public string? SourceTopic { get; set; }
    /// <summary>Incremental extraction: cursor column (query) or field (HTTP) and the last committed value.</summary>
    public string? CursorField { get; set; }
    public string? CursorValue { get; set; }
    /// <summary>SFTP sources: what happens to the files a run read once its load committed.</summary>
    public AfterLoadAction AfterLoad { get; set; } = AfterLoadAction.Keep;
    /// <summary>Folder the files move to with <see cref="AfterLoadAction.Move"/> (relative to the connection's folder unless it starts with <c>/</c>).</summary>
    public string? AfterLoadFolder { get; set; }

    // Parse
    public ParseFormat ParseFormat { get; set; } = ParseFormat.Csv;
    /// <summary>Format options as JSON (delimiter, quote, header, encoding, skip rows, culture, records path, record element).</summary>
    public string ParseOptions { get; set; } = "{}";

    // Map
    /// <summary>Row filter expression (<see cref="FlowDefinition.Filter"/>); null: every row is kept.</summary>
    public string? Filter { get; set; }
    /// <summary>Lookup tables as JSON: a list of <see cref="StoredLookup"/>.</summary>
    public string? Lookups { get; set; }
    /// <summary>Source fields that no column maps (schema drift).</summary>
    public UnmappedFieldPolicy UnmappedFields { get; set; } = UnmappedFieldPolicy.Ignore;

    // Load
    public int? DestinationConnectionId { get; set; }
    public Connection? DestinationConnection { get; set; }
    public string? DestinationTable { get; set; }
    public LoadMode LoadMode { get; set; } = LoadMode.Append;
    /// <summary>Comma-separated key columns for upsert.</summary>
    public string? KeyColumns { get; set; }
    public long? RejectThresholdCount { get; set; }
    public double? RejectThresholdPercent { get; set; }
    public bool StagingEnabled { get; set; } = true;
    /// <summary>TruncateReplace: whether a source that yields no rows may empty the table (off: such a run fails).</summary>
    public bool AllowEmptyReplace { get; set; }
    public int? TimeoutSeconds { get; set; }
    /// <summary>Create the destination table from the mapping when it does not exist.</summary>
    public bool CreateIfMissing { get; set; }
    /// <summary>Load sessions an Append writes through side by side (<see cref="FlowDefinition.LoadParallelism"/>).</summary>
    public int LoadParallelism { get; set; } = FlowDefinition.DefaultLoadParallelism;
    /// <summary>File sources: at most this many partitions of a run load at once, on any instance (0 or 1: the run is not
    /// partitioned).</summary>
    public int PartitionsInFlight { get; set; }
    /// <summary>Query sources: the result column whose value ranges split a run into partitions (null: not partitioned).</summary>
    public string? PartitionColumn { get; set; }
    /// <summary>Query partitions: lower bound of the even split (invariant text); null with the upper one: MIN of the column.</summary>
    public string? PartitionLowerBound { get; set; }
    /// <summary>Query partitions: upper bound of the even split (invariant text); null with the lower one: MAX of the column.</summary>
    public string? PartitionUpperBound { get; set; }
    /// <summary>Query partitions: how many ranges a run is cut into.</summary>
    public int PartitionCount { get; set; }

    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public List<ColumnMapping> Columns { get; set; } = [];
}

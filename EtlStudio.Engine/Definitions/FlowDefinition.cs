namespace EtlStudio.Engine.Definitions;

/// <summary>Everything the engine needs to run one flow: source → parse → map → load.</summary>
/// <remarks>Plain data, built by the caller (portal, job, Kafka service) from its stored configuration.
/// Secrets are already resolved into the connection strings it carries.</remarks>
public sealed record FlowDefinition
{
    /// <summary>Flow name, used in messages and staging names.</summary>
    public required string Name { get; init; }

    /// <summary>Where the data comes from.</summary>
    public required SourceDefinition Source { get; init; }

    /// <summary>How bytes become records. Ignored for database sources, which yield records directly.</summary>
    public ParseDefinition Parse { get; init; } = new();

    /// <summary>Target columns in order, each fed from a source field or a run value.</summary>
    public required IReadOnlyList<ColumnMap> Columns { get; init; }

    /// <summary>Keep only the rows for which this expression is true (same language as <see cref="ColumnMap.Expression"/>);
    /// the others are counted as filtered (<see cref="FlowRunResult.RowsFiltered"/>), never as rejects. Null or empty:
    /// every row is kept.</summary>
    public string? Filter { get; init; }

    /// <summary>Tables loaded into memory once per run and read by expressions through <c>lookup(name, key, field)</c>.</summary>
    public IReadOnlyList<LookupDefinition> Lookups { get; init; } = [];

    /// <summary>What to do when the source has fields that no column maps (schema drift).</summary>
    public UnmappedFieldPolicy UnmappedFields { get; init; } = UnmappedFieldPolicy.Ignore;

    /// <summary>Where rows are loaded.</summary>
    public required DestinationDefinition Destination { get; init; }

    /// <summary>When crossed, the run fails and loads nothing more.</summary>
    public RejectThreshold RejectThreshold { get; init; } = RejectThreshold.None;

    /// <summary>TruncateReplace: whether a load that writes no rows may empty the table. Off, such a run fails and the
    /// table keeps its rows (a 0-byte file or an empty API answer is far more often a fault than a real "nothing").</summary>
    public bool AllowEmptyReplace { get; init; }

    /// <summary>Whether the raw extract and the mapped output are written to staging.</summary>
    public bool StagingEnabled { get; init; } = true;

    /// <summary>Rows per batch handed from the mapper to the loader; each batch commits as a whole.</summary>
    public int BatchSize { get; init; } = 10_000;

    /// <summary>Load sessions, each on its own connection, that write batches side by side (1 to
    /// <see cref="MaxLoadParallelism"/>; 1 loads one batch after the other). Only an <see cref="LoadMode.Append"/> that
    /// is not a dry run uses more than one, and not into SQLite (one writer per database file): its batches commit on
    /// their own, in any order. Upsert keeps one session so that a key's last row wins in batch order;
    /// TruncateReplace and a dry run keep one because they are one transaction.</summary>
    /// <remarks>While one session waits for the server to finish a batch, another is sending the next. When an
    /// Append fails, any of the batches may have been committed, not only the ones before the failing one.</remarks>
    public int LoadParallelism { get; init; } = DefaultLoadParallelism;

    /// <summary><see cref="LoadParallelism"/> of a flow that does not choose one.</summary>
    public const int DefaultLoadParallelism = 2;

    /// <summary>Largest <see cref="LoadParallelism"/> accepted: more sessions mostly add connections and memory (one
    /// batch each).</summary>
    public const int MaxLoadParallelism = 8;
}

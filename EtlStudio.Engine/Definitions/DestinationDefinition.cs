namespace EtlStudio.Engine.Definitions;

/// <summary>Where a flow loads.</summary>
public sealed record DestinationDefinition
{
    /// <summary>Which database.</summary>
    public required DatabaseProvider Provider { get; init; }
    /// <summary>Complete ADO.NET connection string (secret included).</summary>
    public required string ConnectionString { get; init; }
    /// <summary>Table, optionally schema-qualified (<c>sales.orders</c>). Checked against the catalog, then quoted.</summary>
    public required string Table { get; init; }
    /// <summary>Mode.</summary>
    public LoadMode Mode { get; init; } = LoadMode.Append;
    /// <summary>Key columns for <see cref="LoadMode.Upsert"/>.</summary>
    public IReadOnlyList<string> KeyColumns { get; init; } = [];
    /// <summary>Create the table from the mapping when it does not exist (in the load's transaction, before the first
    /// batch), with the key columns as its primary key.</summary>
    public bool CreateIfMissing { get; init; }
    /// <summary>DDL a dry run runs in its own (rolled-back) transaction before loading: set by the run, never by callers.</summary>
    internal Loading.SchemaPlan? Schema { get; init; }
    /// <summary>Command timeout for load statements.</summary>
    public int CommandTimeoutSeconds { get; init; } = 600;
}

namespace EtlStudio.Engine.Definitions;

/// <summary>A query against a database.</summary>
public sealed record DatabaseSourceDefinition : SourceDefinition
{
    /// <summary>Which database.</summary>
    public required DatabaseProvider Provider { get; init; }
    /// <summary>Complete ADO.NET connection string (secret included).</summary>
    public required string ConnectionString { get; init; }
    /// <summary>SELECT statement; parameters as <c>@name</c> (<c>:name</c> for Oracle).</summary>
    public required string Query { get; init; }
    /// <summary>Parameter values by name (without prefix).</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();
    /// <summary>Command timeout.</summary>
    public int CommandTimeoutSeconds { get; init; } = 300;
    /// <summary>Run the query inside a transaction that is rolled back when the reader closes, declared read-only where
    /// the database can enforce it (PostgreSQL and Oracle <c>SET TRANSACTION READ ONLY</c>, SQLite <c>query_only</c>);
    /// SQL Server has no read-only transaction, so there a statement that writes does so and is rolled back. Dry runs and
    /// previews set it: looking at a flow must never change its source.</summary>
    public bool ReadOnly { get; init; }
    /// <summary>Only the rows whose partition column lies in this range: one partition of a run (the query is wrapped,
    /// see <see cref="Sources.Database.QueryPartitioning"/>). Its origin, and so its ledger key, names the range. Null:
    /// every row of the query.</summary>
    public QueryRange? Range { get; init; }
}

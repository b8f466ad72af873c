namespace EtlStudio.Engine.Definitions;

/// <summary>A flow's source. One of the derived records.</summary>
public abstract record SourceDefinition;

/// <summary>Delimited/JSON/XML files from a local folder or an Azure Blob container.</summary>
public sealed record FileSourceDefinition : SourceDefinition
{
    /// <summary>Local folder (when <see cref="BlobConnectionString"/> is null) or blob container name.</summary>
    public required string Location { get; init; }

    /// <summary>Glob relative to the location, e.g. <c>*.csv</c> or <c>in/2024-*/orders_*.csv</c>.</summary>
    public string Pattern { get; init; } = "*";

    /// <summary>Azure Storage connection string; null for a local folder.</summary>
    public string? BlobConnectionString { get; init; }
}

/// <summary>An HTTP API.</summary>
public sealed record HttpSourceDefinition : SourceDefinition
{
    /// <summary>Absolute http/https URL of the first page.</summary>
    public required Uri Url { get; init; }

    /// <summary>GET or POST.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>Extra request headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Request body for POST (sent as application/json unless a Content-Type header says otherwise).</summary>
    public string? Body { get; init; }

    /// <summary>Authentication.</summary>
    public HttpAuth Auth { get; init; } = new();

    /// <summary>Pagination.</summary>
    public HttpPagination Pagination { get; init; } = new();
}

/// <summary>Authentication kinds for HTTP sources.</summary>
public enum HttpAuthKind
{
    /// <summary>No authentication.</summary>
    None,
    /// <summary><c>Authorization: Bearer {Secret}</c>.</summary>
    Bearer,
    /// <summary><c>Authorization: Basic base64({Name}:{Secret})</c>.</summary>
    Basic,
    /// <summary>Header <c>{Name}: {Secret}</c>.</summary>
    ApiKeyHeader,
    /// <summary>Query parameter <c>{Name}={Secret}</c>.</summary>
    ApiKeyQuery,
}

/// <summary>HTTP authentication settings.</summary>
/// <param name="Kind">Which scheme.</param>
/// <param name="Name">User name (Basic), header name or query parameter name (API key).</param>
/// <param name="Secret">Token, password or key.</param>
public sealed record HttpAuth(HttpAuthKind Kind = HttpAuthKind.None, string? Name = null, string? Secret = null);

/// <summary>Pagination styles for HTTP sources.</summary>
public enum PaginationKind
{
    /// <summary>One request.</summary>
    None,
    /// <summary>The body carries the next page's URL at <see cref="HttpPagination.NextLinkPath"/>.</summary>
    NextLinkInBody,
    /// <summary>RFC 8288 <c>Link: &lt;…&gt;; rel="next"</c> header.</summary>
    LinkHeader,
    /// <summary><c>?page=N</c> from <see cref="HttpPagination.StartPage"/> until a page has no records.</summary>
    PageNumber,
    /// <summary><c>?offset=N&amp;limit=M</c> until a page has fewer than M records.</summary>
    OffsetLimit,
}

/// <summary>HTTP pagination settings.</summary>
public sealed record HttpPagination
{
    /// <summary>Style.</summary>
    public PaginationKind Kind { get; init; } = PaginationKind.None;
    /// <summary>JSON path of the next link in the body (NextLinkInBody), e.g. <c>links.next</c>.</summary>
    public string? NextLinkPath { get; init; }
    /// <summary>Query parameter for the page number (PageNumber).</summary>
    public string PageParameter { get; init; } = "page";
    /// <summary>First page number (PageNumber).</summary>
    public int StartPage { get; init; } = 1;
    /// <summary>Query parameter for the page size (PageNumber, optional) or limit (OffsetLimit).</summary>
    public string LimitParameter { get; init; } = "limit";
    /// <summary>Query parameter for the offset (OffsetLimit).</summary>
    public string OffsetParameter { get; init; } = "offset";
    /// <summary>Page size sent (OffsetLimit; PageNumber when set).</summary>
    public int? PageSize { get; init; }
    /// <summary>Safety stop.</summary>
    public int MaxPages { get; init; } = 10_000;
}

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
}

/// <summary>A batch of messages (Kafka) handed in by the caller; each message value is one document.</summary>
public sealed record MessageSourceDefinition : SourceDefinition
{
    /// <summary>The messages of this batch.</summary>
    public required IReadOnlyList<SourceMessage> Messages { get; init; }
}

/// <summary>One message of a batch.</summary>
/// <param name="Topic">Topic.</param>
/// <param name="Partition">Partition.</param>
/// <param name="Offset">Offset.</param>
/// <param name="Key">Key bytes, if any.</param>
/// <param name="Value">Value bytes (the payload that is parsed).</param>
/// <param name="Headers">Message headers, in the order the producer added them (a name may repeat).</param>
/// <param name="Timestamp">The broker's or producer's timestamp (UTC), if the message has one.</param>
public sealed record SourceMessage(
    string Topic, int Partition, long Offset, byte[]? Key, byte[] Value,
    IReadOnlyList<KeyValuePair<string, byte[]>>? Headers = null, DateTimeOffset? Timestamp = null)
{
    /// <summary>Origin string used in errors and rejects: <c>topic[partition]@offset</c>.</summary>
    public string Origin => $"{Topic}[{Partition}]@{Offset}";
}

/// <summary>Relational databases the engine reads from and loads into.</summary>
public enum DatabaseProvider
{
    /// <summary>PostgreSQL through Npgsql.</summary>
    PostgreSql,
    /// <summary>SQL Server / Azure SQL through Microsoft.Data.SqlClient.</summary>
    SqlServer,
    /// <summary>Oracle through the ADO.NET provider factory (Oracle.ManagedDataAccess.Core added by the deployment).</summary>
    Oracle,
    /// <summary>SQLite through Microsoft.Data.Sqlite.</summary>
    Sqlite,
}

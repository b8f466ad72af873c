using System.Text.Json.Serialization;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Flows;

namespace EtlStudio.Web.Api;

/// <summary>A lookup table of a flow: a database connection with its <c>query</c>, or a file connection with a file
/// <c>path</c> (pattern) and its <c>parse</c> options; keyed by <c>keyField</c>, at most <c>maxEntries</c> entries
/// (omitted: 1,000,000; 1 to 10,000,000). The API names the connection by <c>connectionId</c>; an export by
/// <c>connection</c> (its name), like the flow's own connections.</summary>
internal sealed record LookupDto
{
    public string? Name { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ConnectionId { get; init; }
    /// <summary>The connection's name, in exports.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Connection { get; init; }
    public string? Query { get; init; }
    public string? Path { get; init; }
    public ParseOptionsDto? Parse { get; init; }
    public string? KeyField { get; init; }
    public int? MaxEntries { get; init; }

    public LookupForm ToForm() => new()
    {
        Name = Name ?? "",
        ConnectionId = ConnectionId,
        Query = Query,
        Path = Path,
        Parse = Parse?.ToDefinition() ?? new(),
        KeyField = KeyField ?? "",
        MaxEntries = MaxEntries ?? LookupDefinition.DefaultMaxEntries,
    };

    /// <summary>The lookup as the API shows it (<paramref name="connectionName"/>: null) or as an export carries it
    /// (the name instead of the id).</summary>
    public static LookupDto From(LookupForm lookup, string? connectionName = null)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return new()
        {
            Name = lookup.Name,
            ConnectionId = connectionName is null ? lookup.ConnectionId : null,
            Connection = connectionName,
            Query = lookup.Query,
            Path = lookup.Path,
            Parse = ParseOptionsDto.From(lookup.Parse),
            KeyField = lookup.KeyField,
            MaxEntries = lookup.MaxEntries,
        };
    }
}

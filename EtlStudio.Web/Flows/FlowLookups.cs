using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Connections;

namespace EtlStudio.Web.Flows;

/// <summary>The lookups of a stored flow as engine definitions: each reads its connection (secret revealed like the flow's
/// own source) with its query or file pattern. A lookup whose connection is gone or of the wrong kind fails the run
/// naming the lookup.</summary>
internal sealed class FlowLookups(FlowDefinitionFactory factory, Flow flow, IReadOnlyDictionary<int, Connection> connections)
{
    /// <summary>The connection ids the stored lookups of <paramref name="flow"/> name.</summary>
    public static IReadOnlyList<int> ConnectionIds(Flow flow) => [.. Stored(flow).Select(l => l.ConnectionId).OfType<int>().Distinct()];

    public IReadOnlyList<LookupDefinition> Create() => [.. Stored(flow).Select(Create)];

    private LookupDefinition Create(StoredLookup lookup)
    {
        if (lookup.ConnectionId is not { } id || !connections.TryGetValue(id, out var connection))
        {
            throw Problem(lookup, $"reads connection {lookup.ConnectionId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}, which does not exist");
        }
        SourceDefinition source;
        if (FlowSourceRules.IsDatabase(connection.Kind))
        {
            source = factory.Query(flow, connection, string.IsNullOrWhiteSpace(lookup.Query) ? throw Problem(lookup, "has no query") : lookup.Query);
        }
        else
        {
            source = factory.Files(flow, connection, string.IsNullOrWhiteSpace(lookup.Path) ? throw Problem(lookup, "has no file") : lookup.Path.Trim())
                ?? throw Problem(lookup, $"reads connection '{connection.Name}', a {connection.Kind} connection: a lookup reads a database or a file");
        }
        return new LookupDefinition
        {
            Name = lookup.Name,
            Source = source,
            Parse = (lookup.Parse ?? new()).ToDefinition(lookup.Parse?.Format ?? ParseFormat.Csv),
            KeyField = lookup.KeyField,
            MaxEntries = lookup.MaxEntries,
        };
    }

    private static List<StoredLookup> Stored(Flow flow)
    {
        try
        {
            return FlowSettingsJson.ReadLookups(flow.Lookups) ?? [];
        }
        catch (System.Text.Json.JsonException e)
        {
            throw FlowDefinitionFactory.Problem(flow, $"lookups are not valid JSON: {e.Message}");
        }
    }

    private EtlDataException Problem(StoredLookup lookup, string what) => FlowDefinitionFactory.Problem(flow, $"lookup '{lookup.Name}' {what}");
}

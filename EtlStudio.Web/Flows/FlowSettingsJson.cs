using System.Text.Json;
using System.Text.Json.Serialization;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Flows;

/// <summary>A flow's JSON settings as stored (<see cref="Flow.ParseOptions"/>, <see cref="Flow.HttpPagination"/>,
/// <see cref="Flow.HttpHeaders"/>, <see cref="Flow.Lookups"/>), through their stored records. Reads enums as names or numbers (older rows hold numbers).
/// Read methods throw <see cref="JsonException"/> for text that is not the setting.</summary>
internal static class FlowSettingsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static ParseDefinition ReadParse(string? json, ParseFormat format) =>
        (string.IsNullOrWhiteSpace(json) ? new StoredParseOptions() : JsonSerializer.Deserialize<StoredParseOptions>(json, Options) ?? new()).ToDefinition(format);

    public static string WriteParse(ParseDefinition parse) => JsonSerializer.Serialize(StoredParseOptions.From(parse), Options);

    public static HttpPagination? ReadPagination(string? json) =>
        string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize<StoredPagination>(json, Options)?.ToDefinition();

    /// <summary>Null for one request (no paging): nothing to store.</summary>
    public static string? WritePagination(HttpPagination paging) =>
        paging == new HttpPagination() ? null : JsonSerializer.Serialize(StoredPagination.From(paging), Options);

    public static List<StoredLookup>? ReadLookups(string? json) =>
        string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize<List<StoredLookup>>(json, Options);

    /// <summary>Null for a flow without lookups: nothing to store.</summary>
    public static string? WriteLookups(IReadOnlyList<StoredLookup> lookups) =>
        lookups.Count == 0 ? null : JsonSerializer.Serialize(lookups, Options);

    public static Dictionary<string, string>? ReadHeaders(string? json) =>
        string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json, Options);

    public static string? WriteHeaders(IReadOnlyDictionary<string, string> headers) =>
        headers.Count == 0 ? null : JsonSerializer.Serialize(headers, Options);
}

using System.Text.Json;
using System.Text.Json.Serialization;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Runs;

/// <summary>A query partition's range as <see cref="Data.Entities.RunPartition.Range"/> stores it (JSON), apart from the
/// engine's <see cref="QueryRange"/> so that either can change without the other.</summary>
internal sealed record StoredRange(string Column, RangeKind Kind, string? Lower, string? Upper)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Write(QueryRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return JsonSerializer.Serialize(new StoredRange(range.Column, range.Kind, range.Lower, range.Upper), Json);
    }

    public static QueryRange Read(string json)
    {
        var stored = JsonSerializer.Deserialize<StoredRange>(json, Json) ?? throw new JsonException("A partition's range is empty.");
        return new QueryRange { Column = stored.Column, Kind = stored.Kind, Lower = stored.Lower, Upper = stored.Upper };
    }
}

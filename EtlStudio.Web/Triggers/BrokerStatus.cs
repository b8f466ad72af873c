using System.Text.Json;

namespace EtlStudio.Web.Triggers;

/// <summary>Reads broker connection states from librdkafka's statistics JSON.</summary>
internal static class BrokerStatus
{
    /// <summary>Null when at least one broker connection is up; otherwise the states seen, e.g.
    /// "no broker connection up (b1:9092/1 DOWN)".</summary>
    public static string? Problem(string statisticsJson)
    {
        using var document = JsonDocument.Parse(statisticsJson);
        if (!document.RootElement.TryGetProperty("brokers", out var brokers)) return null;
        var states = new List<string>();
        foreach (var broker in brokers.EnumerateObject())
        {
            var state = broker.Value.TryGetProperty("state", out var s) ? s.GetString() : null;
            if (state == "UP") return null;
            states.Add($"{broker.Name} {state}");
        }
        return $"no broker connection up ({string.Join(", ", states)})";
    }
}

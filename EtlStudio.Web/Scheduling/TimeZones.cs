namespace EtlStudio.Web.Scheduling;

/// <summary>Resolves IANA time zone ids (Europe/Amsterdam, UTC) against the system's zone database.</summary>
internal static class TimeZones
{
    public static bool TryFind(string? id, out TimeZoneInfo zone, out string error)
    {
        zone = TimeZoneInfo.Utc;
        var trimmed = id?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = "Enter an IANA time zone id, e.g. Europe/Amsterdam or UTC.";
            return false;
        }
        // Zone ids are file names on Linux, so "europe/amsterdam" would not be found: match the known ids case-insensitively.
        trimmed = All.FirstOrDefault(id => id.Equals(trimmed, StringComparison.OrdinalIgnoreCase)) ?? trimmed;
        if (TimeZoneInfo.TryFindSystemTimeZoneById(trimmed, out var found)
            && (found.HasIanaId || TimeZoneInfo.TryConvertWindowsIdToIanaId(trimmed, out _)))
        {
            zone = found;
            error = "";
            return true;
        }
        error = $"Unknown time zone '{trimmed}'. Use an IANA id such as Europe/Amsterdam, America/New_York or UTC.";
        return false;
    }

    /// <summary>Stored form: the IANA id even when a Windows id was typed.</summary>
    public static string IanaId(TimeZoneInfo zone) =>
        zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : zone.Id;

    public static IReadOnlyList<string> All { get; } =
        TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC").Order(StringComparer.Ordinal).ToList();
}

using Cronos;

namespace EtlStudio.Web.Scheduling;

/// <summary>Whether a group's CRON and time zone can be scheduled. The portal's group form, the API and the schedule
/// sync refuse the same things: the form's own parsing (<see cref="CronSchedule"/>, <see cref="TimeZones"/>) plus a
/// CRON that can never fire.</summary>
internal static class CronRules
{
    /// <summary>Null when <paramref name="cron"/> (5 fields, or 6 with seconds) fires at least once in
    /// <paramref name="timeZone"/> (an IANA id); otherwise why not, e.g. a CRON that can never fire (<c>0 0 30 2 *</c>).</summary>
    public static string? Validate(string? cron, string? timeZone, DateTimeOffset? now = null)
    {
        if (!CronSchedule.TryParse(cron, out var expression, out var cronError)) return cronError;
        if (!TimeZones.TryFind(timeZone, out var zone, out var zoneError)) return zoneError;
        return NeverFires(expression, zone, cron, now);
    }

    /// <summary>The refusal for a parsed expression that has no next occurrence, or null.</summary>
    public static string? NeverFires(CronExpression expression, TimeZoneInfo zone, string? text, DateTimeOffset? now = null) =>
        // Cronos searches a few centuries ahead before giving up, so null means never (e.g. 30 February).
        expression.GetNextOccurrence(now ?? DateTimeOffset.UtcNow, zone) is null
            ? $"The CRON expression '{text?.Trim()}' never fires (no date matches it)."
            : null;
}

using Cronos;

namespace EtlStudio.Web.Jobs;

/// <summary>Whether a group's CRON and time zone can be scheduled. The portal and the API refuse what this refuses,
/// and the schedule sync never registers it.</summary>
internal static class CronRules
{
    /// <summary>Null when <paramref name="cron"/> (5 fields, or 6 with seconds) fires at least once in
    /// <paramref name="timeZone"/> (an IANA id); otherwise why not, e.g. a CRON that can never fire (<c>0 0 30 2 *</c>).</summary>
    public static string? Validate(string? cron, string? timeZone, DateTimeOffset? now = null)
    {
        var text = cron?.Trim() ?? "";
        if (text.Length == 0) return "Enter a CRON expression, e.g. 0 2 * * * (every day at 02:00).";
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            return $"A CRON expression has 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first; '{text}' has {fields}.";
        }
        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            return $"Invalid CRON expression '{text}': {e.Message}";
        }
        if (!TryFindZone(timeZone, out var zone)) return $"Unknown time zone '{timeZone}'. Use an IANA id such as Europe/Amsterdam or UTC.";
        // Cronos searches a few centuries ahead before giving up, so null means never (e.g. 30 February).
        return expression.GetNextOccurrence(now ?? DateTimeOffset.UtcNow, zone) is null
            ? $"The CRON expression '{text}' never fires (no date matches it)."
            : null;
    }

    /// <summary>The zone of an IANA id (Windows ids are accepted too).</summary>
    public static bool TryFindZone(string? timeZone, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        return !string.IsNullOrWhiteSpace(timeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone.Trim(), out zone!);
    }
}

using System.Globalization;
using Cronos;

namespace EtlStudio.Web.Scheduling;

/// <summary>Validates CRON expressions with Cronos (5 fields, or 6 with seconds) and lists fire times in a zone.</summary>
internal static class CronSchedule
{
    /// <summary>Parses an expression; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out CronExpression expression, out string error)
    {
        expression = CronExpression.EveryMinute;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = "Enter a CRON expression, e.g. 0 2 * * * (every day at 02:00).";
            return false;
        }
        var fields = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (!trimmed.StartsWith('@') && fields is not (5 or 6))
        {
            error = $"A CRON expression has 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first; '{trimmed}' has {fields}.";
            return false;
        }
        try
        {
            expression = CronExpression.Parse(trimmed, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            error = "";
            return true;
        }
        catch (CronFormatException ex)
        {
            // Cronos prefixes every message with this sentence; the part after it names the field and the rule.
            error = "Invalid CRON expression: " + ex.Message.Replace("The given cron expression has an invalid format. ", "", StringComparison.Ordinal);
            return false;
        }
    }

    /// <summary>The next <paramref name="count"/> fire times after <paramref name="from"/>, with the zone's offset
    /// at each (so a DST change shows as a different offset).</summary>
    public static IReadOnlyList<DateTimeOffset> NextOccurrences(CronExpression expression, TimeZoneInfo zone, DateTimeOffset from, int count)
    {
        var result = new List<DateTimeOffset>(count);
        var cursor = from;
        while (result.Count < count && expression.GetNextOccurrence(cursor, zone) is { } next)
        {
            result.Add(next);
            cursor = next;
        }
        return result;
    }

    /// <summary>"2027-03-28 02:00 UTC", or "2027-03-28 03:00 Europe/Amsterdam (UTC+02:00)" with the zone's offset at
    /// that time (so a DST change shows); seconds shown only when the expression has them.</summary>
    public static string Format(DateTimeOffset time, bool withSeconds, TimeZoneInfo zone)
    {
        var local = time.ToString(withSeconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        if (zone.Id is "UTC" or "Etc/UTC" or "Etc/Universal" or "Etc/Zulu" or "Universal" or "Zulu") return local + " UTC";
        var offset = time.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"{local} {zone.Id} (UTC{sign}{offset.Duration():hh\\:mm})";
    }

    public static bool HasSeconds(string? text) => text?.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6;
}

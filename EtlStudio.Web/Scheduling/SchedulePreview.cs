
namespace EtlStudio.Web.Scheduling;

/// <summary>A group's schedule as the portal shows it: the expression in words and the next fire times
/// in the group's zone. Null when the expression or zone is invalid.</summary>
internal sealed record SchedulePreview(string Words, IReadOnlyList<string> NextFireTimes)
{
    public static SchedulePreview? For(string? cron, string? timeZone, DateTimeOffset now, int count)
    {
        if (!CronSchedule.TryParse(cron, out var expression, out _) || !TimeZones.TryFind(timeZone, out var zone, out _)) return null;
        var withSeconds = CronSchedule.HasSeconds(cron);
        var times = CronSchedule.NextOccurrences(expression, zone, now, count).Select(t => CronSchedule.Format(t, withSeconds, zone)).ToList();
        return new(CronDescriber.Describe(cron!), times);
    }
}

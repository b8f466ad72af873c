using System.Globalization;

namespace EtlStudio.Web.Runs;

/// <summary>Durations as people read them: "< 1 ms", "350 ms", "1.2 s", "2 min 03 s", "1 h 04 min".</summary>
public static class ReadableDuration
{
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) duration = TimeSpan.Zero;
        var c = CultureInfo.InvariantCulture;
        return duration switch
        {
            { TotalMilliseconds: < 1 } => "< 1 ms",
            { TotalSeconds: < 1 } => string.Create(c, $"{Math.Floor(duration.TotalMilliseconds):0} ms"),
            { TotalSeconds: < 10 } => string.Create(c, $"{Math.Floor(duration.TotalSeconds * 10) / 10:0.0} s"),
            { TotalMinutes: < 1 } => string.Create(c, $"{Math.Floor(duration.TotalSeconds):0} s"),
            { TotalHours: < 1 } => string.Create(c, $"{(int)duration.TotalMinutes} min {duration.Seconds:00} s"),
            _ => string.Create(c, $"{(int)duration.TotalHours} h {duration.Minutes:00} min"),
        };
    }

    /// <summary>A step's recorded duration in whole milliseconds; 0 means it took less than one.</summary>
    public static string FromMilliseconds(long milliseconds) => Format(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>From start to end, or empty while either is missing.</summary>
    public static string Between(DateTime? started, DateTime? ended) => started is { } s && ended is { } e ? Format(e - s) : "";
}

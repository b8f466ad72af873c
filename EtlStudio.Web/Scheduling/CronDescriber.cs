using System.Globalization;

namespace EtlStudio.Web.Scheduling;

/// <summary>Puts a (valid) CRON expression into English: "At 02:30, every day", "Every 15 minutes",
/// "At 06:00 on Monday through Friday". Shapes it does not know are described field by field; it never throws.</summary>
internal static class CronDescriber
{
    private static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *", ["@annually"] = "0 0 1 1 *", ["@monthly"] = "0 0 1 * *", ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *", ["@midnight"] = "0 0 * * *", ["@hourly"] = "0 * * * *",
        ["@every_minute"] = "* * * * *", ["@every_second"] = "* * * * * *",
    };

    public static string Describe(string expression)
    {
        var text = expression.Trim();
        if (Macros.TryGetValue(text, out var expanded)) text = expanded;
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (5 or 6)) return text;
        var withSeconds = parts.Length == 6;
        var second = withSeconds ? CronField.Parse(parts[0], CronFieldKind.Second) : CronField.Parse("0", CronFieldKind.Second);
        var o = withSeconds ? 1 : 0;
        var minute = CronField.Parse(parts[o], CronFieldKind.Minute);
        var hour = CronField.Parse(parts[o + 1], CronFieldKind.Hour);
        var dayOfMonth = CronField.Parse(parts[o + 2], CronFieldKind.DayOfMonth);
        var month = CronField.Parse(parts[o + 3], CronFieldKind.Month);
        var dayOfWeek = CronField.Parse(parts[o + 4], CronFieldKind.DayOfWeek);

        var time = DescribeTime(second, minute, hour, out var atFixedTimes);
        var days = DescribeDays(dayOfMonth, dayOfWeek, atFixedTimes);
        var months = DescribeMonths(month);
        if (time is null || days is null || months is null)
        {
            return FieldByField(withSeconds ? [("second", second), ("minute", minute), ("hour", hour), ("day-of-month", dayOfMonth), ("month", month), ("day-of-week", dayOfWeek)]
                                            : [("minute", minute), ("hour", hour), ("day-of-month", dayOfMonth), ("month", month), ("day-of-week", dayOfWeek)]);
        }
        return time + days + months;
    }

    private static string? DescribeTime(CronField second, CronField minute, CronField hour, out bool atFixedTimes)
    {
        atFixedTimes = false;
        var secondIsZero = second is { Shape: CronFieldShape.Single, Values: [0] };
        if (!secondIsZero)
        {
            if (minute.IsAny && hour.IsAny)
            {
                if (second.IsAny) return "Every second";
                if (second is { Shape: CronFieldShape.Step, Values: [0] }) return $"Every {second.Step} seconds";
            }
            if (second.Shape != CronFieldShape.Single) return null;
        }
        var secondSuffix = secondIsZero ? "" : ":" + Two(second.Values[0]);
        if (minute.IsAny && secondIsZero)
        {
            return hour.IsAny ? "Every minute" : hour.Shape == CronFieldShape.Range ? "Every minute" + Between(hour) : null;
        }
        if (minute is { Shape: CronFieldShape.Step, Values: [0] } && secondIsZero)
        {
            var every = $"Every {minute.Step} minutes";
            return hour.IsAny ? every : hour.Shape == CronFieldShape.Range ? every + Between(hour) : null;
        }
        if (minute.Shape == CronFieldShape.Single)
        {
            var m = minute.Values[0];
            var past = m == 0 && secondIsZero ? "Every hour" : $"At {m} minutes past the hour" + (secondIsZero ? "" : $", second {second.Values[0]}");
            switch (hour.Shape)
            {
                case CronFieldShape.Any: return past;
                case CronFieldShape.Range: return past + Between(hour);
                case CronFieldShape.Step when hour.Values[0] == 0:
                    return m == 0 && secondIsZero ? $"Every {hour.Step} hours" : $"{past}, every {hour.Step} hours";
            }
        }
        if (minute.Shape is CronFieldShape.Single or CronFieldShape.List && hour.Shape is CronFieldShape.Single or CronFieldShape.List
            && minute.Values.Count * hour.Values.Count <= 8)
        {
            atFixedTimes = true;
            var times = hour.Values.Order().SelectMany(h => minute.Values.Order().Select(m => $"{Two(h)}:{Two(m)}{secondSuffix}"));
            return "At " + JoinAnd(times.ToList());
        }
        return null;
    }

    private static string? DescribeDays(CronField dayOfMonth, CronField dayOfWeek, bool atFixedTimes)
    {
        if (!dayOfMonth.IsAny && !dayOfWeek.IsAny) return null;
        if (dayOfWeek.IsAny && dayOfMonth.IsAny) return atFixedTimes ? ", every day" : "";
        if (!dayOfWeek.IsAny)
        {
            return dayOfWeek.Shape switch
            {
                CronFieldShape.Single or CronFieldShape.List => " on " + JoinAnd(dayOfWeek.Values.Select(DayName).ToList()),
                CronFieldShape.Range => $" on {DayName(dayOfWeek.Values[0])} through {DayName(dayOfWeek.Values[1])}",
                _ => null,
            };
        }
        if (dayOfMonth.Raw.Equals("L", StringComparison.OrdinalIgnoreCase)) return " on the last day of the month";
        return dayOfMonth.Shape switch
        {
            CronFieldShape.Single => $" on day {dayOfMonth.Values[0]} of the month",
            CronFieldShape.List => $" on days {JoinAnd(dayOfMonth.Values.Select(Number).ToList())} of the month",
            CronFieldShape.Range => $" on days {dayOfMonth.Values[0]} through {dayOfMonth.Values[1]} of the month",
            CronFieldShape.Step when dayOfMonth.Values[0] == 1 => $", every {dayOfMonth.Step} days",
            _ => null,
        };
    }

    private static string? DescribeMonths(CronField month) => month.Shape switch
    {
        CronFieldShape.Any => "",
        CronFieldShape.Single or CronFieldShape.List => " in " + JoinAnd(month.Values.Select(MonthName).ToList()),
        CronFieldShape.Range => $" in {MonthName(month.Values[0])} through {MonthName(month.Values[1])}",
        CronFieldShape.Step when month.Values[0] == 1 => $", every {month.Step} months",
        _ => null,
    };

    private static string FieldByField(IEnumerable<(string Name, CronField Field)> fields) =>
        string.Join(", ", fields.Select(f => f.Field.IsAny ? $"every {f.Name}" : $"{f.Name} {f.Field.Raw}")) is var s
            ? char.ToUpperInvariant(s[0]) + s[1..] : "";

    private static string Between(CronField hour) => $", between {Two(hour.Values[0])}:00 and {Two(hour.Values[1])}:59";

    private static string DayName(int day) => CultureInfo.InvariantCulture.DateTimeFormat.GetDayName((DayOfWeek)day);

    private static string MonthName(int month) => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);

    private static string Two(int value) => value.ToString("00", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string JoinAnd(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];
}

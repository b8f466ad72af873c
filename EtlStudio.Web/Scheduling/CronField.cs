using System.Globalization;

namespace EtlStudio.Web.Scheduling;

/// <summary>One field of a CRON expression, recognised in the shapes the describer can put into words.</summary>
internal sealed record CronField(CronFieldShape Shape, IReadOnlyList<int> Values, int Step, string Raw)
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public bool IsAny => Shape == CronFieldShape.Any;

    /// <summary>Recognises <c>*</c>/<c>?</c>, <c>n</c>, <c>a-b</c>, <c>*/n</c>, <c>a/n</c> and lists of single values;
    /// anything else (L, W, #, lists of ranges) is <see cref="CronFieldShape.Other"/>.</summary>
    public static CronField Parse(string raw, CronFieldKind kind)
    {
        if (raw is "*" or "?") return new(CronFieldShape.Any, [], 0, raw);
        var slash = raw.Split('/');
        if (slash.Length == 2 && int.TryParse(slash[1], CultureInfo.InvariantCulture, out var step))
        {
            if (slash[0] == "*") return new(CronFieldShape.Step, [kind == CronFieldKind.DayOfMonth || kind == CronFieldKind.Month ? 1 : 0], step, raw);
            if (TryValue(slash[0], kind, out var start)) return new(CronFieldShape.Step, [start], step, raw);
            return Other(raw);
        }
        var dash = raw.Split('-');
        if (dash.Length == 2 && TryValue(dash[0], kind, out var from) && TryValue(dash[1], kind, out var to))
        {
            return new(CronFieldShape.Range, [from, to], 0, raw);
        }
        var values = new List<int>();
        foreach (var part in raw.Split(','))
        {
            if (!TryValue(part, kind, out var value)) return Other(raw);
            values.Add(value);
        }
        return new(values.Count == 1 ? CronFieldShape.Single : CronFieldShape.List, values, 0, raw);
    }

    private static CronField Other(string raw) => new(CronFieldShape.Other, [], 0, raw);

    private static bool TryValue(string text, CronFieldKind kind, out int value)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            if (kind == CronFieldKind.DayOfWeek && value == 7) value = 0;
            return true;
        }
        var names = kind switch { CronFieldKind.Month => MonthNames, CronFieldKind.DayOfWeek => DayNames, _ => [] };
        var index = Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        value = kind == CronFieldKind.Month ? index + 1 : index;
        return index >= 0;
    }
}

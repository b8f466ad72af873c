using System.Globalization;
using System.Text.RegularExpressions;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Sources.Database;

/// <summary>Cuts a query's partition column into ranges the way Spark's JDBC source does (<c>columnPartition</c>): the
/// span from the lower to the upper bound is split into equal strides; the first range also takes the NULLs and every
/// value below the lower bound, the last every value from its start up. Bounds only set the stride: no row is ever
/// left out, and values bunched in one place (skew) make that range big rather than lose rows.</summary>
/// <remarks>Supported column kinds: integers, decimals (floating-point columns are bound as decimals), dates and
/// timestamps (<see cref="RangeKind"/>). Text, GUIDs, booleans and binary columns are refused: their order is the
/// database's collation, not something that can be split evenly.</remarks>
public static partial class QueryPartitioning
{
    /// <summary>Most ranges one run is cut into.</summary>
    public const int MaxCount = 1000;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The ranges of <paramref name="column"/> for <paramref name="count"/> partitions between
    /// <paramref name="lower"/> and <paramref name="upper"/> (invariant text of <paramref name="kind"/>). With
    /// <paramref name="upperIncluded"/> (bounds read as MIN/MAX of the column) the upper bound is a value of the column,
    /// so integers, dates and timestamps split the span one step past it. Fewer ranges than asked when the span holds
    /// fewer whole values (integers, days, ticks) than <paramref name="count"/>; one range (every row) when it is empty.</summary>
    public static IReadOnlyList<QueryRange> Split(string column, RangeKind kind, string lower, string upper, int count, bool upperIncluded = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        if (count is < 1 or > MaxCount) throw new ArgumentOutOfRangeException(nameof(count), count, $"1 to {MaxCount} partitions.");
        var cuts = kind switch
        {
            RangeKind.Integer => Steps(long.Parse(lower, Inv), long.Parse(upper, Inv), upperIncluded, count).Select(v => ((long)v).ToString(Inv)),
            RangeKind.Date => Steps(Date(lower).DayNumber, Date(upper).DayNumber, upperIncluded, count)
                .Select(v => DateOnly.FromDayNumber((int)v).ToString("yyyy-MM-dd", Inv)),
            RangeKind.DateTime => DateTimeCuts(DateTime(lower), DateTime(upper), upperIncluded, count),
            RangeKind.DateTimeOffset => Steps(Offset(lower).UtcTicks, Offset(upper).UtcTicks, upperIncluded, count)
                .Select(v => new DateTimeOffset((long)v, TimeSpan.Zero).ToString("O", Inv)),
            RangeKind.Decimal => DecimalCuts(decimal.Parse(lower, NumberStyles.Float, Inv), decimal.Parse(upper, NumberStyles.Float, Inv), count),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        var bounds = cuts.ToList();
        var ranges = new List<QueryRange>(bounds.Count + 1);
        for (var i = 0; i <= bounds.Count; i++)
        {
            ranges.Add(new QueryRange { Column = column, Kind = kind, Lower = i == 0 ? null : bounds[i - 1], Upper = i == bounds.Count ? null : bounds[i] });
        }
        return ranges;
    }

    /// <summary>The ranges for bounds read from the column (<see cref="QueryBounds"/>): its MIN and MAX, MAX included.</summary>
    public static IReadOnlyList<QueryRange> Split(string column, QueryBounds bounds, int count)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        return Split(column, bounds.Kind, bounds.Min, bounds.Max, count, upperIncluded: true);
    }

    /// <summary>The kind of a bound typed by a user (<c>100</c>, <c>12.5</c>, <c>2024-01-31</c>,
    /// <c>2024-01-31T08:00:00</c>, <c>…Z</c>, <c>…+02:00</c>), or null with <paramref name="problem"/> saying why not.</summary>
    public static RangeKind? KindOf(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        var t = text.Trim();
        if (long.TryParse(t, NumberStyles.AllowLeadingSign, Inv, out _)) return RangeKind.Integer;
        if (decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Inv, out _)) return RangeKind.Decimal;
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", Inv, DateTimeStyles.None, out _)) return RangeKind.Date;
        if (IsoTimestamp().Match(t) is { Success: true } m)
        {
            if (m.Groups["offset"].Success && m.Groups["offset"].Value != "Z")
            {
                if (System.DateTimeOffset.TryParse(t, Inv, DateTimeStyles.None, out _)) return RangeKind.DateTimeOffset;
            }
            else if (System.DateTime.TryParse(t, Inv, DateTimeStyles.RoundtripKind, out _))
            {
                return RangeKind.DateTime;
            }
        }
        problem = $"'{text}' is not a number, a date (yyyy-MM-dd) or a timestamp (yyyy-MM-ddTHH:mm:ss, optionally with Z or an offset)";
        return null;
    }

    /// <summary>The one kind of two bounds a user typed (an integer and a decimal make a decimal), or null with
    /// <paramref name="problem"/> saying why they do not fit together.</summary>
    public static RangeKind? KindOf(string lower, string upper, out string? problem)
    {
        var lk = KindOf(lower, out problem);
        if (lk is null) return null;
        var uk = KindOf(upper, out problem);
        if (uk is null) return null;
        if (lk == uk) return lk;
        if (lk is RangeKind.Integer or RangeKind.Decimal && uk is RangeKind.Integer or RangeKind.Decimal) return RangeKind.Decimal;
        problem = $"the lower bound is {Words(lk.Value)} and the upper bound {Words(uk.Value)}: write both the same way";
        return null;
    }

    /// <summary>Whether <paramref name="lower"/> is below <paramref name="upper"/> as values of <paramref name="kind"/>.</summary>
    public static bool IsBelow(RangeKind kind, string lower, string upper) => kind switch
    {
        RangeKind.Integer => long.Parse(lower, Inv) < long.Parse(upper, Inv),
        RangeKind.Decimal => decimal.Parse(lower, NumberStyles.Float, Inv) < decimal.Parse(upper, NumberStyles.Float, Inv),
        RangeKind.Date => Date(lower) < Date(upper),
        RangeKind.DateTime => DateTime(lower).Ticks < DateTime(upper).Ticks,
        RangeKind.DateTimeOffset => Offset(lower) < Offset(upper),
        _ => false,
    };

    /// <summary>A bound as written in a range (invariant text of its kind): what <see cref="Split(string, RangeKind, string, string, int, bool)"/> takes.</summary>
    public static string Normalize(RangeKind kind, string text) => kind switch
    {
        RangeKind.Integer => long.Parse(text.Trim(), Inv).ToString(Inv),
        RangeKind.Decimal => decimal.Parse(text.Trim(), NumberStyles.Float, Inv).ToString(Inv),
        RangeKind.Date => Date(text.Trim()).ToString("yyyy-MM-dd", Inv),
        RangeKind.DateTime => DateTime(text.Trim()).ToString("O", Inv),
        RangeKind.DateTimeOffset => Offset(text.Trim()).ToUniversalTime().ToString("O", Inv),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The value a range bound is bound with as a parameter of <paramref name="provider"/>.</summary>
    public static object Parameter(RangeKind kind, string text, DatabaseProvider provider) => kind switch
    {
        RangeKind.Integer => long.Parse(text, Inv),
        // Microsoft.Data.Sqlite binds decimals as TEXT, which SQLite orders after every number.
        RangeKind.Decimal when provider == DatabaseProvider.Sqlite => (double)decimal.Parse(text, NumberStyles.Float, Inv),
        RangeKind.Decimal => decimal.Parse(text, NumberStyles.Float, Inv),
        // ODP.NET has no DateOnly; an Oracle DATE is a timestamp anyway.
        RangeKind.Date when provider == DatabaseProvider.Oracle => Date(text).ToDateTime(TimeOnly.MinValue),
        RangeKind.Date => Date(text),
        RangeKind.DateTime => DateTime(text),
        RangeKind.DateTimeOffset => Offset(text),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind and invariant text of a value the database returned for the column (MIN/MAX), or an
    /// <see cref="EtlDataException"/> naming the column when its type cannot be split.</summary>
    /// <param name="column">The partition column, for the message.</param>
    /// <param name="value">A non-NULL value the database returned.</param>
    /// <param name="dataTypeName">The database's name of the type (<c>date</c> tells a date from a timestamp where the
    /// provider returns both as <see cref="System.DateTime"/>).</param>
    public static (RangeKind Kind, string Text) Read(string column, object value, string dataTypeName)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value)
        {
            case sbyte or byte or short or ushort or int or uint or long:
                return (RangeKind.Integer, Convert.ToInt64(value, Inv).ToString(Inv));
            case ulong u when u <= long.MaxValue:
                return (RangeKind.Integer, u.ToString(Inv));
            case decimal d:
                return (RangeKind.Decimal, d.ToString(Inv));
            case double or float when Convert.ToDouble(value, Inv) is var f && double.IsFinite(f) && Math.Abs(f) < 7.9e27:
                return (RangeKind.Decimal, ((decimal)f).ToString(Inv));
            case DateOnly date:
                return (RangeKind.Date, date.ToString("yyyy-MM-dd", Inv));
            case System.DateTime dt when string.Equals(dataTypeName, "date", StringComparison.OrdinalIgnoreCase):
                return (RangeKind.Date, DateOnly.FromDateTime(dt).ToString("yyyy-MM-dd", Inv));
            case System.DateTime dt:
                return (RangeKind.DateTime, dt.ToString("O", Inv));
            case System.DateTimeOffset dto:
                return (RangeKind.DateTimeOffset, dto.ToUniversalTime().ToString("O", Inv));
            // SQLite keeps dates and timestamps as ISO text.
            case string s when KindOf(s, out _) is { } k && k is RangeKind.Date or RangeKind.DateTime or RangeKind.DateTimeOffset:
                return (k, Normalize(k, s));
        }
        throw new EtlDataException(
            $"partition column '{column}' holds {Describe(value, dataTypeName)} values: only integer, decimal, date and timestamp columns can be split into ranges. Pick another column, or clear the partition column.");
    }

    private static string Describe(object value, string dataTypeName) =>
        string.IsNullOrEmpty(dataTypeName) ? value.GetType().Name : $"{dataTypeName} ({value.GetType().Name})";

    private static string Words(RangeKind kind) => kind switch
    {
        RangeKind.Integer or RangeKind.Decimal => "a number",
        RangeKind.Date => "a date",
        _ => "a timestamp",
    };

    /// <summary>The n − 1 cut points inside [lower, upper) (upper + 1 when included) for n = min(count, whole values in
    /// the span): lower + ⌊span·i / n⌋, strictly increasing. 128-bit arithmetic, so no span overflows.</summary>
    private static IEnumerable<Int128> Steps(long lower, long upper, bool upperIncluded, int count)
    {
        var span = (Int128)upper - lower + (upperIncluded ? 1 : 0);
        if (span <= 1) yield break;
        var n = (int)Int128.Min(count, span);
        for (var i = 1; i < n; i++) yield return lower + span * i / n;
    }

    private static IEnumerable<string> DateTimeCuts(System.DateTime lower, System.DateTime upper, bool upperIncluded, int count) =>
        Steps(lower.Ticks, upper.Ticks, upperIncluded, count).Select(t => new System.DateTime((long)t, lower.Kind).ToString("O", Inv));

    private static IEnumerable<string> DecimalCuts(decimal lower, decimal upper, int count)
    {
        if (upper <= lower) yield break;
        var span = upper - lower;
        var last = lower;
        for (var i = 1; i < count; i++)
        {
            var cut = lower + span * i / count;
            // Decimal rounding on a tiny span could repeat a cut: an empty range is harmless, a repeated bound is not.
            if (cut <= last || cut >= upper) continue;
            last = cut;
            yield return cut.ToString(Inv);
        }
    }

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", Inv);

    private static System.DateTime DateTime(string text) => System.DateTime.Parse(text, Inv, DateTimeStyles.RoundtripKind);

    private static System.DateTimeOffset Offset(string text) => System.DateTimeOffset.Parse(text, Inv, DateTimeStyles.AssumeUniversal);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(?<offset>Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex IsoTimestamp();
}

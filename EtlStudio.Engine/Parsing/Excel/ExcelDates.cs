using System.Globalization;

namespace EtlStudio.Engine.Parsing.Excel;

/// <summary>Turns a date cell's serial number into ISO 8601 text: <c>yyyy-MM-dd</c> for a whole day in a date format,
/// <c>yyyy-MM-ddTHH:mm:ss[.fff]</c> with a time of day, <c>HH:mm:ss[.fff]</c> for a time format under one day.</summary>
/// <remarks>The 1900 date system counts 29 February 1900, a day that does not exist (Lotus 1-2-3's leap-year bug,
/// kept by Excel): serial 60 is that day and is refused, serials from 61 on are one day later than their count.
/// The 1904 system (old Mac workbooks) counts from 1 January 1904 = 0. Times are rounded to the millisecond, as Excel
/// shows them.</remarks>
internal static class ExcelDates
{
    private static readonly DateTime Base1900 = new(1899, 12, 31, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly DateTime Base1904 = new(1904, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>Last serial a date can have (31 December 9999 in the 1900 system).</summary>
    private const double MaxSerial = 2_958_466;

    /// <summary>The ISO text, or null with <paramref name="error"/> when the number is not a date Excel can show.</summary>
    public static string? ToIso(string serialText, ExcelDateKind kind, bool date1904, out string? error)
    {
        error = null;
        if (!double.TryParse(serialText, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) || !double.IsFinite(serial))
        {
            error = $"'{serialText}' in a date cell is not a number";
            return null;
        }
        if (serial < 0 || serial >= MaxSerial)
        {
            error = $"{serialText} in a date cell is outside the dates Excel can show";
            return null;
        }
        var ms = (long)Math.Round(serial * 86_400_000d, MidpointRounding.AwayFromZero);
        var days = ms / 86_400_000;
        var timeOfDay = TimeSpan.FromMilliseconds(ms % 86_400_000);
        if (kind == ExcelDateKind.Time && days == 0) return Time(timeOfDay);
        DateTime day;
        if (date1904) day = Base1904.AddDays(days);
        else if (days == 60)
        {
            error = "date serial 60 is 29 February 1900, a day that Excel counts but that does not exist";
            return null;
        }
        else day = Base1900.AddDays(days < 60 ? days : days - 1);
        if (kind == ExcelDateKind.Date && timeOfDay == TimeSpan.Zero) return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T" + Time(timeOfDay);
    }

    private static string Time(TimeSpan time) => time.Milliseconds == 0
        ? time.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)
        : time.ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
}

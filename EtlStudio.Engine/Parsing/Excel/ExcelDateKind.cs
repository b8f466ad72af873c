namespace EtlStudio.Engine.Parsing.Excel;

/// <summary>What a cell's number format says its number is.</summary>
internal enum ExcelDateKind : byte
{
    /// <summary>A plain number.</summary>
    None,
    /// <summary>A date (a time of day only when the number has one).</summary>
    Date,
    /// <summary>A date with a time of day, shown even at midnight.</summary>
    DateTime,
    /// <summary>A time of day or a duration, without a date part.</summary>
    Time,
}

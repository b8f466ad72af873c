using System.Globalization;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Mapping;

/// <summary>Values a column takes from the run rather than the source, typed as its column says.</summary>
internal static class DerivedColumn
{
    /// <summary>Why <paramref name="map"/> cannot hold its derived value, or null when it can.</summary>
    public static string? Problem(ColumnMap map) => (map.Derived, map.Type) switch
    {
        (DerivedValue.None, _) => null,
        (DerivedValue.MessageHeader, _) when string.IsNullOrWhiteSpace(map.SourceField) =>
            $"column '{map.TargetColumn}': derived value MessageHeader needs the header name in its source field",
        (_, ColumnType.String) => null,
        (DerivedValue.RunId, ColumnType.Guid) => null,
        (DerivedValue.LoadTime or DerivedValue.MessageTimestamp, ColumnType.DateTimeOffset or ColumnType.DateTime or ColumnType.Date) => null,
        (DerivedValue.RowNumber or DerivedValue.MessagePartition, ColumnType.Int or ColumnType.Long or ColumnType.Decimal or ColumnType.Double) => null,
        // An offset outgrows a 32-bit integer on a long-lived topic.
        (DerivedValue.MessageOffset, ColumnType.Long or ColumnType.Decimal or ColumnType.Double) => null,
        _ => $"column '{map.TargetColumn}': derived value {map.Derived} cannot be stored as {map.Type}",
    };

    public static object Value(DerivedValue derived, ColumnType type, in RunValues run, string origin, long rowNumber) => derived switch
    {
        DerivedValue.RunId => type == ColumnType.Guid ? run.RunId : run.RunId.ToString("D"),
        DerivedValue.SourceName => origin,
        DerivedValue.LoadTime => Time(run.LoadTime, type),
        DerivedValue.RowNumber => Number(rowNumber, type),
        _ => throw new InvalidOperationException($"derived {derived} is not a run value"),
    };

    /// <summary>A whole number (row number, message partition or offset) as a column of <paramref name="type"/>, which
    /// <see cref="Problem"/> has accepted.</summary>
    public static object Number(long value, ColumnType type) => type switch
    {
        ColumnType.Int => checked((int)value),
        ColumnType.Long => value,
        ColumnType.Decimal => (decimal)value,
        ColumnType.Double => (double)value,
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A point in time (load time, message timestamp) as a column of <paramref name="type"/>, which
    /// <see cref="Problem"/> has accepted: DateTime and Date columns get its UTC date and time.</summary>
    public static object Time(DateTimeOffset value, ColumnType type) => type switch
    {
        ColumnType.DateTimeOffset => value,
        ColumnType.DateTime => DateTime.SpecifyKind(value.UtcDateTime, DateTimeKind.Unspecified),
        ColumnType.Date => DateOnly.FromDateTime(value.UtcDateTime),
        _ => value.ToString("O", CultureInfo.InvariantCulture),
    };
}

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

    public static object Value(DerivedValue derived, ColumnType type, in RunValues run, string origin, long rowNumber) => (derived, type) switch
    {
        (DerivedValue.RunId, ColumnType.Guid) => run.RunId,
        (DerivedValue.RunId, _) => run.RunId.ToString("D"),
        (DerivedValue.SourceName, _) => origin,
        (DerivedValue.LoadTime, ColumnType.DateTimeOffset) => run.LoadTime,
        (DerivedValue.LoadTime, ColumnType.DateTime) => DateTime.SpecifyKind(run.LoadTime.UtcDateTime, DateTimeKind.Unspecified),
        (DerivedValue.LoadTime, ColumnType.Date) => DateOnly.FromDateTime(run.LoadTime.UtcDateTime),
        (DerivedValue.LoadTime, _) => run.LoadTime.ToString("O", CultureInfo.InvariantCulture),
        (DerivedValue.RowNumber, ColumnType.Int) => checked((int)rowNumber),
        (DerivedValue.RowNumber, ColumnType.Long) => rowNumber,
        (DerivedValue.RowNumber, ColumnType.Decimal) => (decimal)rowNumber,
        (DerivedValue.RowNumber, ColumnType.Double) => (double)rowNumber,
        (DerivedValue.RowNumber, _) => rowNumber.ToString(CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"derived {derived} as {type} was not validated"),
    };
}

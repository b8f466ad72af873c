using System.Globalization;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using ParquetSharp;

namespace EtlStudio.Engine.Staging;

/// <summary>The Parquet layout of staged mapped rows (<c>mapped.parquet</c>): one typed column per target column
/// (two for timestamps, see <see cref="ParquetTimestampSlot"/>), then <c>_etl_origin</c> and <c>_etl_record</c>, the
/// source and record each row was read from. Key-value metadata <c>etlstudio.mapped</c> holds the same column header
/// as <c>mapped.ndjson</c>'s first line; <c>etlstudio.rows</c> is set only when the writer completed, like NDJSON's
/// trailer. Decimal(p,s) is a Parquet DECIMAL(29,s) (the mapper keeps values within p ≤ 28 digits and s places, so it
/// is exact); a decimal without precision keeps its own scale per value, which Parquet's fixed scale cannot, so it is
/// stored as its exact text.</summary>
internal static class ParquetSlots
{
    public const string HeaderKey = "etlstudio.mapped";
    public const string RowsKey = "etlstudio.rows";
    public const string OriginColumn = "_etl_origin";
    public const string RecordColumn = "_etl_record";
    private static readonly int EpochDay = new DateOnly(1970, 1, 1).DayNumber;

    public static ParquetSlot For(TargetColumn column, int capacity)
    {
        var name = column.Name;
        var invariant = CultureInfo.InvariantCulture;
        return column.Type switch
        {
            ColumnType.String or ColumnType.Json => Text(name, capacity),
            ColumnType.Int => new ParquetSlot<int?>(new Column<int?>(name), v => Convert.ToInt32(v, invariant), v => v!.Value, capacity),
            ColumnType.Long => new ParquetSlot<long?>(new Column<long?>(name), v => Convert.ToInt64(v, invariant), v => v!.Value, capacity),
            ColumnType.Double => new ParquetSlot<double?>(new Column<double?>(name), v => Convert.ToDouble(v, invariant), v => v!.Value, capacity),
            ColumnType.Bool => new ParquetSlot<bool?>(new Column<bool?>(name), v => (bool)v, v => v!.Value, capacity),
            ColumnType.Decimal when column.Precision is not null => Decimal(name, column.Scale ?? 0, capacity),
            ColumnType.Decimal => new ParquetSlot<string>(new Column<string>(name), v => Convert.ToDecimal(v, invariant).ToString(invariant),
                v => decimal.Parse(v, NumberStyles.Float, invariant), capacity),
            ColumnType.Date => new ParquetSlot<Date?>(new Column<Date?>(name), v => new Date(((DateOnly)v).DayNumber - EpochDay),
                v => DateOnly.FromDayNumber(v!.Value.Days + EpochDay), capacity),
            ColumnType.DateTime => new ParquetTimestampSlot(name, utc: false, capacity),
            ColumnType.DateTimeOffset => new ParquetTimestampSlot(name, utc: true, capacity),
            ColumnType.Guid => new ParquetSlot<Guid?>(new Column<Guid?>(name), v => (Guid)v, v => v!.Value, capacity),
            _ => throw new InvalidOperationException($"column '{name}': {column.Type} cannot be staged as Parquet"),
        };
    }

    public static ParquetSlot Origin(int capacity) => Text(OriginColumn, capacity);

    public static ParquetSlot Record(int capacity) =>
        new ParquetSlot<long>(new Column<long>(RecordColumn), v => (long)v, v => v, capacity);

    private static ParquetSlot<string> Text(string name, int capacity) => new(new Column<string>(name), v => (string)v, v => v, capacity);

    private static ParquetSlot<decimal?> Decimal(string name, int scale, int capacity)
    {
        // Adding a zero of the column's scale gives every value that scale (ParquetSharp's own varies with the digits).
        var zero = new decimal(0, 0, 0, false, (byte)scale);
        return new(new Column<decimal?>(name, LogicalType.Decimal(29, scale)), v =>
        {
            var m = Convert.ToDecimal(v, CultureInfo.InvariantCulture);
            // Never rounded: a value with more places than the column's scale would not come back the same.
            if (decimal.Round(m, scale) != m) throw new InvalidOperationException($"{m} has more than {scale} decimal places for column '{name}'");
            return m;
        }, v => v!.Value + zero, capacity);
    }
}

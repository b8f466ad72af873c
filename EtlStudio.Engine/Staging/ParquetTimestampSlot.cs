using ParquetSharp;

namespace EtlStudio.Engine.Staging;

/// <summary>A DateTime or DateTimeOffset column as a Parquet TIMESTAMP(MICROS) — without UTC adjustment for wall-clock
/// DateTime, with it for DateTimeOffset — plus a companion column <c>&lt;name&gt;.100ns</c> with the ticks below a
/// microsecond, so a replay gets the very same value. Nanosecond timestamps would hold them too but only cover 1677–2262,
/// and 0001-01-01 / 9999-12-31 are common sentinels. A DateTimeOffset comes back at offset 0: the mapper gives UTC
/// values, and the instant is what is kept.</summary>
internal sealed class ParquetTimestampSlot(string name, bool utc, int capacity) : ParquetSlot
{
    private const string TicksSuffix = ".100ns";
    private DateTime?[] _micros = new DateTime?[capacity];
    private int?[] _ticks = new int?[capacity];

    public override Column[] Columns { get; } =
    [
        new Column<DateTime?>(name, LogicalType.Timestamp(isAdjustedToUtc: utc, TimeUnit.Micros)),
        new Column<int?>(name + TicksSuffix),
    ];

    public override void Add(int row, object? value)
    {
        long? ticks = value switch
        {
            null => null,
            DateTime dt => dt.Ticks,
            DateTimeOffset dto => dto.UtcTicks,
            _ => throw new InvalidOperationException($"a {value.GetType().Name} value cannot be staged in timestamp column '{name}'"),
        };
        // The Unix epoch is a whole microsecond, so flooring the ticks leaves a value ParquetSharp converts exactly.
        _micros[row] = ticks is { } t ? new DateTime(t - t % 10, utc ? DateTimeKind.Utc : DateTimeKind.Unspecified) : null;
        _ticks[row] = ticks is { } r ? (int)(r % 10) : null;
    }

    public override void Write(RowGroupWriter rowGroup, int count)
    {
        using (var column = rowGroup.NextColumn())
        using (var writer = column.LogicalWriter<DateTime?>())
        {
            writer.WriteBatch(_micros, 0, count);
        }
        using (var column = rowGroup.NextColumn())
        using (var writer = column.LogicalWriter<int?>())
        {
            writer.WriteBatch(_ticks, 0, count);
        }
    }

    public override void Read(RowGroupReader rowGroup, int first, int count)
    {
        if (_micros.Length < count)
        {
            _micros = new DateTime?[count];
            _ticks = new int?[count];
        }
        ReadAll(rowGroup, first, _micros, count);
        ReadAll(rowGroup, first + 1, _ticks, count);
    }

    private static void ReadAll<T>(RowGroupReader rowGroup, int index, T[] values, int count)
    {
        using var column = rowGroup.Column(index);
        using var reader = column.LogicalReader<T>();
        var read = 0;
        while (read < count)
        {
            var n = reader.ReadBatch(values, read, count - read);
            if (n == 0) throw new InvalidDataException($"column {index} ends after {read} of the row group's {count} rows");
            read += n;
        }
    }

    public override object? Get(int row)
    {
        if (_micros[row] is not { } micros) return null;
        var ticks = micros.Ticks + (_ticks[row] ?? 0);
        // Boxed apart: the conditional operator would convert the DateTime to a DateTimeOffset.
        return utc ? (object)new DateTimeOffset(ticks, TimeSpan.Zero) : new DateTime(ticks, DateTimeKind.Unspecified);
    }
}

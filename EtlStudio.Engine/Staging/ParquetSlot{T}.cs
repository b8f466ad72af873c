using ParquetSharp;

namespace EtlStudio.Engine.Staging;

/// <summary>A value column that maps one-to-one on a Parquet column of <typeparamref name="T"/> (a nullable struct
/// or a reference type, so null stays null).</summary>
internal sealed class ParquetSlot<T>(Column column, Func<object, T> toParquet, Func<T, object?> fromParquet, int capacity) : ParquetSlot
{
    private T[] _values = new T[capacity];

    public override Column[] Columns { get; } = [column];

    public override void Add(int row, object? value) => _values[row] = value is null ? default! : toParquet(value);

    public override void Write(RowGroupWriter rowGroup, int count)
    {
        using var column = rowGroup.NextColumn();
        using var writer = column.LogicalWriter<T>();
        writer.WriteBatch(_values, 0, count);
        // Strings of this row group must not stay reachable until they are overwritten by the next one.
        if (!typeof(T).IsValueType) Array.Clear(_values, 0, count);
    }

    public override void Read(RowGroupReader rowGroup, int first, int count)
    {
        if (_values.Length < count) _values = new T[count];
        using var column = rowGroup.Column(first);
        using var reader = column.LogicalReader<T>();
        var read = 0;
        while (read < count)
        {
            var n = reader.ReadBatch(_values, read, count - read);
            if (n == 0) throw new InvalidDataException($"column '{Columns[0].Name}' ends after {read} of the row group's {count} rows");
            read += n;
        }
    }

    public override object? Get(int row) => _values[row] is { } value ? fromParquet(value) : null;

    public override int ExtraBytes(int row) => _values[row] is string s ? s.Length * 2 : 0;
}

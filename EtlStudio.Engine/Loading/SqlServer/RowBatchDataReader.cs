using System.Collections;
using System.Data.Common;
using System.Globalization;

namespace EtlStudio.Engine.Loading.SqlServer;

/// <summary>A forward-only reader over the rows of a <see cref="RowBatch"/>, so <c>SqlBulkCopy</c> streams them
/// without a DataTable copy. Values are converted lazily, one cell at a time. With <paramref name="ordinalName"/> it adds
/// a last column holding the row's 0-based position in the batch (the upsert temp table needs it); <paramref name="table"/>
/// goes into the errors about bad values, which name the row's source (<see cref="LoadRowError"/>).</summary>
internal sealed class RowBatchDataReader(RowBatch batch, IReadOnlyList<ReaderColumn> columns, string? ordinalName = null, string table = "") : DbDataReader
{
    private int _row = -1;
    private bool _closed;

    /// <summary>0-based batch row the reader is on: the row SqlBulkCopy was converting when it failed on a value.</summary>
    public int Position => _row;

    public override int FieldCount => columns.Count + (ordinalName is null ? 0 : 1);
    public override int Depth => 0;
    public override bool HasRows => batch.Count > 0;
    public override bool IsClosed => _closed;
    public override int RecordsAffected => -1;
    public override object this[int ordinal] => GetValue(ordinal);
    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool Read() => !_closed && ++_row < batch.Count;
    public override bool NextResult() => false;
    public override void Close() => _closed = true;

    public override string GetName(int ordinal) => ordinal == columns.Count ? ordinalName ?? throw new IndexOutOfRangeException() : columns[ordinal].Name;

    public override int GetOrdinal(string name)
    {
        for (var i = 0; i < FieldCount; i++)
        {
            if (string.Equals(GetName(i), name, StringComparison.Ordinal)) return i;
        }
        throw new IndexOutOfRangeException($"No column named {name}.");
    }

    public override Type GetFieldType(int ordinal) => ordinal == columns.Count ? typeof(long) : columns[ordinal].FieldType;
    public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal).Name;

    public override object GetValue(int ordinal)
    {
        if (_row < 0 || _row >= batch.Count) throw new InvalidOperationException("No current row.");
        if (ordinal == columns.Count && ordinalName is not null) return (long)_row;
        var value = batch.Rows[_row][ordinal];
        if (value is null) return DBNull.Value;
        try
        {
            return columns[ordinal].Convert(value);
        }
        catch (InvalidCastException e)
        {
            throw LoadRowError.At(table, batch, _row, ordinal, columns[ordinal].Name, $"{e.Message} (value of type {value.GetType().Name})", e);
        }
    }

    public override int GetValues(object[] values)
    {
        var n = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < n; i++) values[i] = GetValue(i);
        return n;
    }

    public override bool IsDBNull(int ordinal) => GetValue(ordinal) is DBNull;
    public override bool GetBoolean(int ordinal) => (bool)GetValue(ordinal);
    public override byte GetByte(int ordinal) => (byte)GetValue(ordinal);
    public override char GetChar(int ordinal) => (char)GetValue(ordinal);
    public override DateTime GetDateTime(int ordinal) => (DateTime)GetValue(ordinal);
    public override decimal GetDecimal(int ordinal) => (decimal)GetValue(ordinal);
    public override double GetDouble(int ordinal) => (double)GetValue(ordinal);
    public override float GetFloat(int ordinal) => System.Convert.ToSingle(GetValue(ordinal), CultureInfo.InvariantCulture);
    public override Guid GetGuid(int ordinal) => (Guid)GetValue(ordinal);
    public override short GetInt16(int ordinal) => System.Convert.ToInt16(GetValue(ordinal), CultureInfo.InvariantCulture);
    public override int GetInt32(int ordinal) => System.Convert.ToInt32(GetValue(ordinal), CultureInfo.InvariantCulture);
    public override long GetInt64(int ordinal) => System.Convert.ToInt64(GetValue(ordinal), CultureInfo.InvariantCulture);
    public override string GetString(int ordinal) => (string)GetValue(ordinal);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        Copy((byte[])GetValue(ordinal), dataOffset, buffer, bufferOffset, length);

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) =>
        Copy(GetString(ordinal).ToCharArray(), dataOffset, buffer, bufferOffset, length);

    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

    private static long Copy<T>(T[] source, long offset, T[]? buffer, int bufferOffset, int length)
    {
        if (buffer is null) return source.Length;
        var n = (int)Math.Max(0, Math.Min(length, source.Length - offset));
        Array.Copy(source, offset, buffer, bufferOffset, n);
        return n;
    }
}

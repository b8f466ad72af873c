using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>The binary send format of each (mapped type, column type) pair that <see cref="PostgresValueWriters"/> accepts,
/// written straight into the COPY buffer. The formats follow the server's <c>*_recv</c> functions and agree with what
/// Npgsql 10 writes for the same pair (a test loads twin tables both ways and compares every cell as text):
/// big-endian integers and IEEE floats, UTF-8 text, jsonb with its version byte 1, dates as days and timestamps as
/// microseconds since 2000-01-01, and Npgsql's infinity mapping of <see cref="DateTime.MinValue"/>/<c>MaxValue</c> and
/// <see cref="DateOnly.MinValue"/>/<c>MaxValue</c>.</summary>
internal static class PostgresValueEncoders
{
    /// <summary>Ticks of 2000-01-01T00:00:00, PostgreSQL's timestamp epoch.</summary>
    private const long EpochTicks = 630822816000000000L;
    private static readonly int EpochDayNumber = new DateOnly(2000, 1, 1).DayNumber;

    /// <summary>The encoder for a mapped type into a catalog type (base type name from pg_type); null when there is none,
    /// and the load then goes through <see cref="Npgsql.NpgsqlBinaryImporter"/>.</summary>
    public static PostgresValueEncoder? For(ColumnType type, string pgType) => (type, pgType) switch
    {
        (ColumnType.String or ColumnType.Json, "text" or "varchar") => Text,
        (ColumnType.String, "bpchar") => Text,
        (ColumnType.Json, "json") => Text,
        (ColumnType.Json, "jsonb") => Jsonb,
        (ColumnType.Int, "int4") => static (w, v) => w.WriteInt32Field((int)v),
        (ColumnType.Int, "int8") => static (w, v) => w.WriteInt64Field((int)v),
        (ColumnType.Int, "numeric") => static (w, v) => PostgresNumeric.Write(w, (int)v),
        (ColumnType.Int, "float8") => static (w, v) => w.WriteInt64Field(BitConverter.DoubleToInt64Bits((int)v)),
        (ColumnType.Long, "int8") => static (w, v) => w.WriteInt64Field((long)v),
        (ColumnType.Long, "numeric") => static (w, v) => PostgresNumeric.Write(w, (long)v),
        (ColumnType.Decimal, "numeric") => static (w, v) => PostgresNumeric.Write(w, (decimal)v),
        (ColumnType.Double, "float8") => static (w, v) => w.WriteInt64Field(BitConverter.DoubleToInt64Bits((double)v)),
        (ColumnType.Bool, "bool") => static (w, v) => w.WriteByteField((bool)v ? (byte)1 : (byte)0),
        (ColumnType.Date, "date") => static (w, v) => w.WriteInt32Field(Days((DateOnly)v)),
        // timestamp and timestamptz share the format; which instant a DateTime or DateTimeOffset stands for is the same
        // rule as PostgresValueWriters: a DateTime as it is, a DateTimeOffset as its UTC instant.
        (ColumnType.DateTime, "timestamp" or "timestamptz") => static (w, v) => w.WriteInt64Field(Microseconds(((DateTime)v).Ticks)),
        (ColumnType.DateTimeOffset, "timestamp" or "timestamptz") => static (w, v) => w.WriteInt64Field(Microseconds(((DateTimeOffset)v).UtcTicks)),
        (ColumnType.Guid, "uuid") => static (w, v) => ((Guid)v).TryWriteBytes(w.Field(16), bigEndian: true, out _),
        _ => null,
    };

    private static void Text(PostgresCopyWriter writer, object value) => writer.WriteUtf8Field(PostgresValueWriters.Text((string)value), versionByte: false);

    private static void Jsonb(PostgresCopyWriter writer, object value) => writer.WriteUtf8Field(PostgresValueWriters.Text((string)value), versionByte: true);

    /// <summary>Days since 2000-01-01; <see cref="DateOnly.MinValue"/>/<c>MaxValue</c> are -infinity/infinity, as Npgsql maps them.</summary>
    private static int Days(DateOnly date) =>
        date == DateOnly.MaxValue ? int.MaxValue : date == DateOnly.MinValue ? int.MinValue : date.DayNumber - EpochDayNumber;

    /// <summary>Microseconds since 2000-01-01, the extra ticks dropped (towards zero) as Npgsql does, so that
    /// <see cref="DateTime.MaxValue"/> is not rounded up out of range; MinValue/MaxValue ticks are -infinity/infinity.</summary>
    private static long Microseconds(long ticks) =>
        ticks == DateTime.MaxValue.Ticks ? long.MaxValue : ticks == DateTime.MinValue.Ticks ? long.MinValue : (ticks - EpochTicks) / 10;
}

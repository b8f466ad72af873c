using EtlStudio.Engine.Definitions;
using NpgsqlTypes;

namespace EtlStudio.Engine.Loading.Postgres;

internal static class PostgresValueWriters
{
    /// <summary>The writer for a mapped type into a catalog type (base type name from pg_type); null when incompatible.</summary>
    public static PostgresValueWriter? For(ColumnType type, string pgType) => (type, pgType) switch
    {
        (ColumnType.String or ColumnType.Json, "text") => (w, v) => w.Write(Text(v), NpgsqlDbType.Text),
        (ColumnType.String or ColumnType.Json, "varchar") => (w, v) => w.Write(Text(v), NpgsqlDbType.Varchar),
        (ColumnType.String, "bpchar") => (w, v) => w.Write(Text(v), NpgsqlDbType.Char),
        (ColumnType.Json, "json") => (w, v) => w.Write(Text(v), NpgsqlDbType.Json),
        (ColumnType.Json, "jsonb") => (w, v) => w.Write(Text(v), NpgsqlDbType.Jsonb),
        (ColumnType.Int, "int4") => (w, v) => w.Write((int)v, NpgsqlDbType.Integer),
        (ColumnType.Int, "int8") => (w, v) => w.Write((long)(int)v, NpgsqlDbType.Bigint),
        (ColumnType.Int, "numeric") => (w, v) => w.Write((decimal)(int)v, NpgsqlDbType.Numeric),
        (ColumnType.Int, "float8") => (w, v) => w.Write((double)(int)v, NpgsqlDbType.Double),
        (ColumnType.Long, "int8") => (w, v) => w.Write((long)v, NpgsqlDbType.Bigint),
        (ColumnType.Long, "numeric") => (w, v) => w.Write((decimal)(long)v, NpgsqlDbType.Numeric),
        (ColumnType.Decimal, "numeric") => (w, v) => w.Write((decimal)v, NpgsqlDbType.Numeric),
        (ColumnType.Double, "float8") => (w, v) => w.Write((double)v, NpgsqlDbType.Double),
        (ColumnType.Bool, "bool") => (w, v) => w.Write((bool)v, NpgsqlDbType.Boolean),
        (ColumnType.Date, "date") => (w, v) => w.Write((DateOnly)v, NpgsqlDbType.Date),
        (ColumnType.DateTime, "timestamp") => (w, v) => w.Write(DateTime.SpecifyKind((DateTime)v, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp),
        // A zone-less DateTime going into timestamptz is taken as UTC (documented in the loader README notes).
        (ColumnType.DateTime, "timestamptz") => (w, v) => w.Write(DateTime.SpecifyKind((DateTime)v, DateTimeKind.Utc), NpgsqlDbType.TimestampTz),
        // Npgsql refuses a non-zero offset for timestamptz: the instant is kept, the offset is not (PostgreSQL never stores it).
        (ColumnType.DateTimeOffset, "timestamptz") => (w, v) => w.Write(((DateTimeOffset)v).UtcDateTime, NpgsqlDbType.TimestampTz),
        (ColumnType.DateTimeOffset, "timestamp") => (w, v) => w.Write(DateTime.SpecifyKind(((DateTimeOffset)v).UtcDateTime, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp),
        (ColumnType.Guid, "uuid") => (w, v) => w.Write((Guid)v, NpgsqlDbType.Uuid),
        _ => null,
    };

    /// <summary>PostgreSQL text cannot hold U+0000. Refused rather than stripped: silently changing data would be worse
    /// than failing the batch with a message that says which row and column.</summary>
    internal static string Text(object value)
    {
        var text = (string)value;
        return text.Contains('\0', StringComparison.Ordinal)
            ? throw new InvalidCastException("PostgreSQL text cannot contain the NUL character (U+0000); the value was refused, not stripped.")
            : text;
    }
}

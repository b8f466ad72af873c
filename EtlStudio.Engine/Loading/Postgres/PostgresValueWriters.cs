using EtlStudio.Engine.Definitions;
using NpgsqlTypes;

namespace EtlStudio.Engine.Loading.Postgres;

internal static class PostgresValueWriters
{
    /// <summary>The writer for a mapped type into a catalog type (base type name from pg_type); null when incompatible.</summary>
    public static PostgresValueWriter? For(ColumnType type, string pgType) => (type, pgType) switch
    {
        (ColumnType.String or ColumnType.Json, "text") => (w, v, ct) => w.WriteAsync(Text(v), NpgsqlDbType.Text, ct),
        (ColumnType.String or ColumnType.Json, "varchar") => (w, v, ct) => w.WriteAsync(Text(v), NpgsqlDbType.Varchar, ct),
        (ColumnType.String, "bpchar") => (w, v, ct) => w.WriteAsync(Text(v), NpgsqlDbType.Char, ct),
        (ColumnType.Json, "json") => (w, v, ct) => w.WriteAsync(Text(v), NpgsqlDbType.Json, ct),
        (ColumnType.Json, "jsonb") => (w, v, ct) => w.WriteAsync(Text(v), NpgsqlDbType.Jsonb, ct),
        (ColumnType.Int, "int4") => (w, v, ct) => w.WriteAsync((int)v, NpgsqlDbType.Integer, ct),
        (ColumnType.Int, "int8") => (w, v, ct) => w.WriteAsync((long)(int)v, NpgsqlDbType.Bigint, ct),
        (ColumnType.Int, "numeric") => (w, v, ct) => w.WriteAsync((decimal)(int)v, NpgsqlDbType.Numeric, ct),
        (ColumnType.Int, "float8") => (w, v, ct) => w.WriteAsync((double)(int)v, NpgsqlDbType.Double, ct),
        (ColumnType.Long, "int8") => (w, v, ct) => w.WriteAsync((long)v, NpgsqlDbType.Bigint, ct),
        (ColumnType.Long, "numeric") => (w, v, ct) => w.WriteAsync((decimal)(long)v, NpgsqlDbType.Numeric, ct),
        (ColumnType.Decimal, "numeric") => (w, v, ct) => w.WriteAsync((decimal)v, NpgsqlDbType.Numeric, ct),
        (ColumnType.Double, "float8") => (w, v, ct) => w.WriteAsync((double)v, NpgsqlDbType.Double, ct),
        (ColumnType.Bool, "bool") => (w, v, ct) => w.WriteAsync((bool)v, NpgsqlDbType.Boolean, ct),
        (ColumnType.Date, "date") => (w, v, ct) => w.WriteAsync((DateOnly)v, NpgsqlDbType.Date, ct),
        (ColumnType.DateTime, "timestamp") => (w, v, ct) => w.WriteAsync(DateTime.SpecifyKind((DateTime)v, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp, ct),
        // A zone-less DateTime going into timestamptz is taken as UTC (documented in the loader README notes).
        (ColumnType.DateTime, "timestamptz") => (w, v, ct) => w.WriteAsync(DateTime.SpecifyKind((DateTime)v, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, ct),
        // Npgsql refuses a non-zero offset for timestamptz: the instant is kept, the offset is not (PostgreSQL never stores it).
        (ColumnType.DateTimeOffset, "timestamptz") => (w, v, ct) => w.WriteAsync(((DateTimeOffset)v).UtcDateTime, NpgsqlDbType.TimestampTz, ct),
        (ColumnType.DateTimeOffset, "timestamp") => (w, v, ct) => w.WriteAsync(DateTime.SpecifyKind(((DateTimeOffset)v).UtcDateTime, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp, ct),
        (ColumnType.Guid, "uuid") => (w, v, ct) => w.WriteAsync((Guid)v, NpgsqlDbType.Uuid, ct),
        _ => null,
    };

    /// <summary>PostgreSQL text cannot hold U+0000. Refused rather than stripped: silently changing data would be worse
    /// than failing the batch with a message that says which row and column.</summary>
    private static string Text(object value)
    {
        var text = (string)value;
        return text.Contains('\0', StringComparison.Ordinal)
            ? throw new InvalidCastException("PostgreSQL text cannot contain the NUL character (U+0000); the value was refused, not stripped.")
            : text;
    }
}

using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>Writes one non-null value as a binary COPY field in the binary form of the destination column's real
/// type, so the server never has to guess. The table of pairs below is also what the destination check accepts:
/// only widening conversions (int into bigint/numeric, never decimal into integer).</summary>
internal delegate void PostgresValueWriter(PostgresCopyBuffer buffer, object value);

internal static class PostgresValueWriters
{
    /// <summary>The writer for a mapped type into a catalog type (base type name from pg_type); null when incompatible.</summary>
    public static PostgresValueWriter? For(ColumnType type, string pgType) => (type, pgType) switch
    {
        (ColumnType.String or ColumnType.Json, "text" or "varchar") => (b, v) => b.Text(Text(v)),
        (ColumnType.String, "bpchar") => (b, v) => b.Text(Text(v)),
        (ColumnType.Json, "json") => (b, v) => b.Text(Text(v)),
        // jsonb's binary form is a version byte (1) and the JSON text.
        (ColumnType.Json, "jsonb") => (b, v) => b.Text(Text(v), prefix: 1),
        (ColumnType.Int, "int4") => (b, v) => b.Field((int)v),
        (ColumnType.Int, "int8") => (b, v) => b.Field((long)(int)v),
        (ColumnType.Int, "numeric") => (b, v) => PostgresBinaryValues.Numeric(b, (int)v),
        (ColumnType.Int, "float8") => (b, v) => b.Field((double)(int)v),
        (ColumnType.Long, "int8") => (b, v) => b.Field((long)v),
        (ColumnType.Long, "numeric") => (b, v) => PostgresBinaryValues.Numeric(b, (long)v),
        (ColumnType.Decimal, "numeric") => (b, v) => PostgresBinaryValues.Numeric(b, (decimal)v),
        (ColumnType.Double, "float8") => (b, v) => b.Field((double)v),
        (ColumnType.Bool, "bool") => (b, v) => b.Field((bool)v),
        (ColumnType.Date, "date") => (b, v) => PostgresBinaryValues.Date(b, (DateOnly)v),
        (ColumnType.DateTime, "timestamp") => (b, v) => PostgresBinaryValues.Timestamp(b, (DateTime)v),
        // A zone-less DateTime going into timestamptz is taken as UTC (documented in the loader README notes).
        (ColumnType.DateTime, "timestamptz") => (b, v) => PostgresBinaryValues.Timestamp(b, (DateTime)v),
        // PostgreSQL never stores an offset: the instant is kept, as UTC.
        (ColumnType.DateTimeOffset, "timestamptz") => (b, v) => PostgresBinaryValues.Timestamp(b, ((DateTimeOffset)v).UtcDateTime),
        (ColumnType.DateTimeOffset, "timestamp") => (b, v) => PostgresBinaryValues.Timestamp(b, ((DateTimeOffset)v).UtcDateTime),
        (ColumnType.Guid, "uuid") => (b, v) => b.Field((Guid)v),
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

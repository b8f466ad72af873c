using System.Globalization;
using EtlStudio.Engine.Definitions;
using Microsoft.Data.Sqlite;

namespace EtlStudio.Engine.Loading.Sqlite;

/// <summary>How a mapped value is stored in a SQLite column: the storage class and the conversion to it. SQLite only
/// knows a declared type's affinity, so compatibility is judged on affinity
/// (https://www.sqlite.org/datatype3.html#determination_of_column_affinity).</summary>
internal sealed record SqliteBinding(SqliteType Type, Func<object, object> Convert)
{
    private const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    public static SqliteBinding? For(ColumnType type, string declaredType)
    {
        var affinity = Affinity(declaredType);
        var any = affinity == "BLOB";
        return type switch
        {
            ColumnType.String when any || affinity == "TEXT" => new(SqliteType.Text, v => (string)v),
            ColumnType.Json when any || affinity is "TEXT" or "NUMERIC" => new(SqliteType.Text, v => (string)v),
            ColumnType.Int when any || affinity is "INTEGER" or "NUMERIC" or "REAL" => new(SqliteType.Integer, v => (long)(int)v),
            ColumnType.Long when any || affinity is "INTEGER" or "NUMERIC" => new(SqliteType.Integer, v => (long)v),
            ColumnType.Bool when any || affinity is "INTEGER" or "NUMERIC" => new(SqliteType.Integer, v => (bool)v ? 1L : 0L),
            // Text keeps every digit in a TEXT column; a NUMERIC column converts it to INTEGER/REAL on its own terms.
            ColumnType.Decimal when any || affinity is "NUMERIC" or "TEXT" or "REAL" => new(SqliteType.Text, v => ((decimal)v).ToString(CultureInfo.InvariantCulture)),
            ColumnType.Double when any || affinity is "REAL" or "NUMERIC" => new(SqliteType.Real, v => Finite((double)v)),
            ColumnType.Date when any || affinity is "TEXT" or "NUMERIC" => new(SqliteType.Text, v => ((DateOnly)v).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ColumnType.DateTime when any || affinity is "TEXT" or "NUMERIC" => new(SqliteType.Text, v => ((DateTime)v).ToString(DateTimeFormat, CultureInfo.InvariantCulture)),
            ColumnType.DateTimeOffset when any || affinity is "TEXT" or "NUMERIC" => new(SqliteType.Text, v => ((DateTimeOffset)v).ToString(DateTimeFormat + "zzz", CultureInfo.InvariantCulture)),
            ColumnType.Guid when affinity is "TEXT" or "NUMERIC" => new(SqliteType.Text, v => ((Guid)v).ToString().ToUpperInvariant()),
            ColumnType.Guid when any => new(SqliteType.Blob, v => ((Guid)v).ToByteArray()),
            _ => null,
        };
    }

    public static string Affinity(string declaredType)
    {
        var t = declaredType.ToUpperInvariant();
        if (t.Contains("INT", StringComparison.Ordinal)) return "INTEGER";
        if (t.Contains("CHAR", StringComparison.Ordinal) || t.Contains("CLOB", StringComparison.Ordinal) || t.Contains("TEXT", StringComparison.Ordinal)) return "TEXT";
        if (t.Length == 0 || t.Contains("BLOB", StringComparison.Ordinal)) return "BLOB";
        if (t.Contains("REAL", StringComparison.Ordinal) || t.Contains("FLOA", StringComparison.Ordinal) || t.Contains("DOUB", StringComparison.Ordinal)) return "REAL";
        return "NUMERIC";
    }

    /// <summary>SQLite stores NaN as NULL; refusing it beats a silent null.</summary>
    private static object Finite(double value) => double.IsNaN(value)
        ? throw new InvalidCastException("SQLite cannot store NaN (it would become NULL); the value was refused.")
        : value;
}

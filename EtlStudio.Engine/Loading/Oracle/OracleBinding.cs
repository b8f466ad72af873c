using System.Data;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Loading.Oracle;

/// <summary>How a mapped value is bound for an Oracle column: the DbType ODP.NET maps to its Oracle type and the
/// conversion. Catalog type names are lower-cased (<c>timestamp(6) with time zone</c>).</summary>
internal sealed record OracleBinding(DbType Type, Func<object, object> Convert)
{
    public static OracleBinding? For(ColumnType type, CatalogColumn column)
    {
        var t = column.TypeName;
        var text = t is "varchar2" or "nvarchar2" or "char" or "nchar" or "clob" or "nclob";
        var integer = t == "number" && (column.Scale is null or 0);
        var timestamp = t.StartsWith("timestamp", StringComparison.Ordinal);
        var zoned = t.EndsWith("with time zone", StringComparison.Ordinal) && !t.Contains("local", StringComparison.Ordinal);
        return type switch
        {
            ColumnType.String when text => new(DbType.String, v => (string)v),
            ColumnType.Json when text || t == "json" => new(DbType.String, v => (string)v),
            ColumnType.Int when integer || t is "binary_double" or "float" => new(DbType.Int32, v => (int)v),
            ColumnType.Long when integer => new(DbType.Int64, v => (long)v),
            // NUMBER(p,0) is an integer column: a decimal there would be rounded, so it is refused by the check.
            ColumnType.Decimal when t == "number" && !(column.Scale == 0 && column.Precision is not null) => new(DbType.Decimal, v => (decimal)v),
            ColumnType.Double when t is "binary_double" or "float" || (t == "number" && column.Precision is null) => new(DbType.Double, v => (double)v),
            ColumnType.Bool when t == "boolean" => new(DbType.Boolean, v => (bool)v),
            ColumnType.Bool when integer => new(DbType.Int16, v => (bool)v ? (short)1 : (short)0),
            ColumnType.Date when t == "date" => new(DbType.Date, v => ((DateOnly)v).ToDateTime(TimeOnly.MinValue)),
            ColumnType.DateTime when t == "date" || (timestamp && !zoned) => new(DbType.DateTime, v => (DateTime)v),
            ColumnType.DateTimeOffset when zoned => new(DbType.DateTimeOffset, v => (DateTimeOffset)v),
            ColumnType.DateTimeOffset when t == "date" || timestamp => new(DbType.DateTime, v => ((DateTimeOffset)v).UtcDateTime),
            // RAW(16) holds Guid.ToByteArray() (.NET's byte order), the usual ODP.NET convention.
            ColumnType.Guid when t == "raw" && column.Length == 16 => new(DbType.Binary, v => ((Guid)v).ToByteArray()),
            ColumnType.Guid when text => new(DbType.String, v => ((Guid)v).ToString()),
            _ => null,
        };
    }
}

using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Loading.SqlServer;

/// <summary>Which mapped types go into which SQL Server column types (widening only), and the value each needs.</summary>
internal static class SqlServerValues
{
    public static ReaderColumn? For(ColumnType type, CatalogColumn column) => (type, column.TypeName) switch
    {
        (ColumnType.String, "nvarchar" or "varchar" or "nchar" or "char" or "ntext" or "text") => Same<string>(column),
        (ColumnType.Json, "nvarchar" or "varchar" or "ntext" or "json") => Same<string>(column),
        (ColumnType.Int, "int") => Same<int>(column),
        (ColumnType.Int, "bigint") => Column<long>(column, v => (long)(int)v),
        (ColumnType.Int, "decimal" or "numeric") => Column<decimal>(column, v => (decimal)(int)v),
        (ColumnType.Int, "float") => Column<double>(column, v => (double)(int)v),
        (ColumnType.Long, "bigint") => Same<long>(column),
        (ColumnType.Long, "decimal" or "numeric") => Column<decimal>(column, v => (decimal)(long)v),
        (ColumnType.Decimal, "decimal" or "numeric" or "money" or "smallmoney") => Same<decimal>(column),
        (ColumnType.Double, "float") => Same<double>(column),
        (ColumnType.Bool, "bit") => Same<bool>(column),
        // Passed as DateTime: every SqlClient version bulk-copies DateTime into date.
        (ColumnType.Date, "date") => Column<DateTime>(column, v => ((DateOnly)v).ToDateTime(TimeOnly.MinValue)),
        (ColumnType.DateTime, "datetime2" or "datetime" or "smalldatetime") => Same<DateTime>(column),
        (ColumnType.DateTimeOffset, "datetimeoffset") => Same<DateTimeOffset>(column),
        (ColumnType.DateTimeOffset, "datetime2" or "datetime") => Column<DateTime>(column, v => ((DateTimeOffset)v).UtcDateTime),
        (ColumnType.Guid, "uniqueidentifier") => Same<Guid>(column),
        _ => null,
    };

    private static ReaderColumn Same<T>(CatalogColumn column) =>
        new(column.Name, typeof(T), v => v is T ? v : throw new InvalidCastException($"Expected a {typeof(T).Name} value."));

    private static ReaderColumn Column<T>(CatalogColumn column, Func<object, object> convert) => new(column.Name, typeof(T), convert);
}

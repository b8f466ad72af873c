using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Mapping.Expressions;

/// <summary>The expression language's types, by the names people see in the designer.</summary>
internal static class TypeNames
{
    public static string Of(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => "text",
        var t when t == typeof(int) => "Int",
        var t when t == typeof(long) => "Long",
        var t when t == typeof(decimal) => "Decimal",
        var t when t == typeof(double) => "Double",
        var t when t == typeof(bool) => "Bool",
        var t when t == typeof(DateOnly) => "Date",
        var t when t == typeof(DateTime) => "DateTime",
        var t when t == typeof(DateTimeOffset) => "DateTimeOffset",
        var t when t == typeof(Guid) => "Guid",
        var t when t == typeof(object) => "null",
        var t => t.Name,
    };

    /// <summary>The CLR type a column's value has in an expression (nullable: a cell may be empty).</summary>
    public static Type Clr(ColumnType type) => type switch
    {
        ColumnType.String or ColumnType.Json => typeof(string),
        ColumnType.Int => typeof(int?),
        ColumnType.Long => typeof(long?),
        ColumnType.Decimal => typeof(decimal?),
        ColumnType.Double => typeof(double?),
        ColumnType.Bool => typeof(bool?),
        ColumnType.Date => typeof(DateOnly?),
        ColumnType.DateTime => typeof(DateTime?),
        ColumnType.DateTimeOffset => typeof(DateTimeOffset?),
        ColumnType.Guid => typeof(Guid?),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no expression type"),
    };
}

using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Loading.SqlServer;

/// <summary>What SQL Server refuses of a value: NULL in a NOT NULL column (the bulk copy keeps NULLs, so a default does
/// not stand in; an identity column takes its own values), text longer than <c>nchar/nvarchar(n)</c> (UTF-16 code
/// units) or <c>char/varchar(n)</c> (bytes; counted here as characters, which is a lower bound), and numbers with more
/// integer digits than <c>decimal(p,s)</c> allows. <c>(max)</c> (-1), <c>text</c> and <c>ntext</c> have no limit.
/// NUL is a character like any other.</summary>
internal static class SqlServerRules
{
    public static ColumnRule For(TargetColumn column, CatalogColumn c)
    {
        var text = column.Type is ColumnType.String or ColumnType.Json && c.Length > 0;
        var count = c.TypeName is "nchar" or "nvarchar" ? TextCount.Utf16 : TextCount.CodePoints;
        var limited = text && c.TypeName is "nchar" or "nvarchar" or "char" or "varchar";
        // Whether the client rounds or truncates to the scale is not pinned down here: refuse only what fails either way.
        return new ColumnRule(column.Name, DestinationCheck.Describe(c), c.NotNull,
            maxLength: limited ? c.Length!.Value : 0, count: count,
            precision: c.TypeName is "decimal" or "numeric" ? c.Precision : null, scale: c.Scale ?? 0, roundsToScale: false);
    }
}

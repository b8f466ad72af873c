namespace EtlStudio.Engine.Loading.Sqlite;

/// <summary>What SQLite refuses of a value: NULL in a NOT NULL column. It has no length or precision limits (a
/// declared <c>VARCHAR(10)</c> holds any text), and CHECK constraints are left to the database.</summary>
internal static class SqliteRules
{
    public static ColumnRule For(TargetColumn column, CatalogColumn c) => new(column.Name, c.TypeName, c.NotNull);
}

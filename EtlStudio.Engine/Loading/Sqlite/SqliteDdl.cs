using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Loading.Sqlite;

/// <summary>SQLite DDL, in the storage the loader writes (<see cref="SqliteBinding"/>): whole numbers and booleans
/// <c>INTEGER</c>, doubles <c>REAL</c>, and everything else <c>TEXT</c>: decimals as their exact digits (a NUMERIC
/// column would turn them into doubles), dates <c>yyyy-MM-dd</c>, timestamps <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> (with
/// <c>zzz</c> for an offset), GUIDs upper-case. SQLite keeps no lengths, so a length is not declared.</summary>
internal sealed class SqliteDdl : SchemaDialect
{
    public static SqliteDdl Instance { get; } = new();

    public override bool TransactionalDdl => true;

    /// <summary>SQLite has no limit of its own.</summary>
    protected override int MaxIdentifierLength => int.MaxValue;

    public override string Quote(string name) => Identifiers.Ansi(name);

    public override string Table(string? schema, string name) => SqliteSql.Table(new TableCatalog(schema, name, [], []));

    public override string TypeOf(TargetColumn column, bool key) => column.Type switch
    {
        ColumnType.Int or ColumnType.Long or ColumnType.Bool => "INTEGER",
        ColumnType.Double => "REAL",
        ColumnType.String or ColumnType.Json or ColumnType.Decimal or ColumnType.Date or ColumnType.DateTime
            or ColumnType.DateTimeOffset or ColumnType.Guid => "TEXT",
        _ => throw Unknown(column.Type),
    };

    public override string AddColumn(string table, TargetColumn column) => $"ALTER TABLE {table} ADD COLUMN {Quote(column.Name)} {TypeOf(column, key: false)}";
}

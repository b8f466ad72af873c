using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Loading.SqlServer;

/// <summary>SQL Server DDL. Text is <c>nvarchar</c> (Unicode, as the loader sends it); above 4000 characters or without a
/// length <c>nvarchar(max)</c>, except in a primary key, which cannot hold <c>(max)</c>: there <c>nvarchar(450)</c>
/// (900 bytes, the clustered index key limit). A decimal without precision is <c>decimal(38,18)</c>: 20 integer digits
/// (more than a long) and 18 decimals.</summary>
internal sealed class SqlServerDdl : SchemaDialect
{
    /// <summary>Characters of the widest unbounded text a primary key can hold.</summary>
    public const int MaxKeyText = 450;

    public static SqlServerDdl Instance { get; } = new();

    public override bool TransactionalDdl => true;

    /// <summary>sysname.</summary>
    protected override int MaxIdentifierLength => 128;

    public override string Quote(string name) => Identifiers.Bracket(name);

    public override string Table(string? schema, string name) => SqlServerSql.Table(new TableCatalog(schema, name, [], []));

    public override string TypeOf(TargetColumn column, bool key) => column.Type switch
    {
        ColumnType.String when Bounded(column, out var n) && n <= 4000 => $"nvarchar({Number(n)})",
        ColumnType.String when key => $"nvarchar({Number(MaxKeyText)})",
        ColumnType.String or ColumnType.Json => "nvarchar(max)",
        ColumnType.Int => "int",
        ColumnType.Long => "bigint",
        ColumnType.Decimal => "decimal" + (PrecisionScale(column) ?? "(38,18)"),
        ColumnType.Double => "float",
        ColumnType.Bool => "bit",
        ColumnType.Date => "date",
        ColumnType.DateTime => "datetime2",
        ColumnType.DateTimeOffset => "datetimeoffset",
        ColumnType.Guid => "uniqueidentifier",
        _ => throw Unknown(column.Type),
    };

    public override string AddColumn(string table, TargetColumn column) => $"ALTER TABLE {table} ADD {Quote(column.Name)} {TypeOf(column, key: false)}";
}

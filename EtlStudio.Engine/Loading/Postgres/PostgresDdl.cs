using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>PostgreSQL DDL. A decimal without precision is unconstrained <c>numeric</c> (every digit kept); unbounded
/// text is <c>text</c>; JSON is <c>jsonb</c> (queryable; it keeps the value, not the spacing or repeated keys).</summary>
internal sealed class PostgresDdl : SchemaDialect
{
    public static PostgresDdl Instance { get; } = new();

    public override bool TransactionalDdl => true;

    /// <summary>NAMEDATALEN − 1: a longer name is cut without a word, so the column would not be found again.</summary>
    protected override int MaxIdentifierLength => 63;

    protected override bool IdentifierBytes => true;

    public override string Quote(string name) => Identifiers.Ansi(name);

    public override string Table(string? schema, string name) => PostgresSql.Table(new TableCatalog(schema, name, [], []));

    public override string TypeOf(TargetColumn column, bool key) => column.Type switch
    {
        ColumnType.String => Bounded(column, out var n) ? $"varchar({Number(n)})" : "text",
        ColumnType.Int => "integer",
        ColumnType.Long => "bigint",
        ColumnType.Decimal => "numeric" + PrecisionScale(column),
        ColumnType.Double => "double precision",
        ColumnType.Bool => "boolean",
        ColumnType.Date => "date",
        ColumnType.DateTime => "timestamp",
        ColumnType.DateTimeOffset => "timestamptz",
        ColumnType.Guid => "uuid",
        ColumnType.Json => "jsonb",
        _ => throw Unknown(column.Type),
    };

    public override string AddColumn(string table, TargetColumn column) => $"ALTER TABLE {table} ADD COLUMN {Quote(column.Name)} {TypeOf(column, key: false)}";
}

using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Loading.Oracle;

/// <summary>Oracle DDL. Text with a length up to 4000 is <c>VARCHAR2(n CHAR)</c> (characters, not bytes); without one,
/// or longer, <c>CLOB</c>, not <c>VARCHAR2(4000)</c>: a limit the user did not set would refuse long values that
/// loaded everywhere else. A primary key cannot be a CLOB, so unbounded key text is <c>VARCHAR2(1000 CHAR)</c> (4000
/// bytes at most in AL32UTF8, under the index key limit of an 8 KB block). A decimal without precision is
/// <c>NUMBER</c> (38 digits, exact); booleans <c>NUMBER(1)</c> (BOOLEAN needs 23ai); GUIDs <c>RAW(16)</c>.</summary>
/// <remarks>Oracle commits before and after each DDL statement: a created table stays even if the load then fails,
/// and a dry run cannot create one (<see cref="TransactionalDdl"/>).</remarks>
internal sealed class OracleDdl : SchemaDialect
{
    /// <summary>Characters of unbounded text in a primary key.</summary>
    public const int MaxKeyText = 1000;

    public static OracleDdl Instance { get; } = new();

    public override bool TransactionalDdl => false;

    /// <summary>Oracle 12.2 and later.</summary>
    protected override int MaxIdentifierLength => 128;

    protected override bool IdentifierBytes => true;

    public override string Quote(string name) => Identifiers.Oracle(name);

    public override string Table(string? schema, string name) => OracleSql.Table(new TableCatalog(schema, name, [], []));

    public override string TypeOf(TargetColumn column, bool key) => column.Type switch
    {
        ColumnType.String when Bounded(column, out var n) && n <= 4000 => $"VARCHAR2({Number(n)} CHAR)",
        ColumnType.String when key => $"VARCHAR2({Number(MaxKeyText)} CHAR)",
        ColumnType.String or ColumnType.Json => "CLOB",
        ColumnType.Int => "NUMBER(10)",
        ColumnType.Long => "NUMBER(19)",
        ColumnType.Decimal => "NUMBER" + PrecisionScale(column),
        ColumnType.Double => "BINARY_DOUBLE",
        ColumnType.Bool => "NUMBER(1)",
        ColumnType.Date => "DATE",
        ColumnType.DateTime => "TIMESTAMP",
        ColumnType.DateTimeOffset => "TIMESTAMP WITH TIME ZONE",
        ColumnType.Guid => "RAW(16)",
        _ => throw Unknown(column.Type),
    };

    public override string AddColumn(string table, TargetColumn column) => $"ALTER TABLE {table} ADD ({Quote(column.Name)} {TypeOf(column, key: false)})";

    public override string? IdentifierProblem(string name) =>
        name.Contains('"', StringComparison.Ordinal) ? $"'{name}' contains a double quote, which Oracle cannot quote" : base.IdentifierProblem(name);
}

using EtlStudio.Engine.Loading.Ledger;

namespace EtlStudio.Engine.Loading.Oracle;

/// <summary>The batch ledger in the destination table's Oracle schema. Oracle has no CREATE TABLE IF NOT EXISTS
/// before 23ai: the create runs in a block that ignores ORA-00955 (name already used).</summary>
internal sealed class OracleLedgerSql(string? schema) : LedgerSql
{
    private static readonly string Name = TableName.ToUpperInvariant();

    public override string Table { get; } = schema is null ? Identifiers.Oracle(Name) : $"{Identifiers.Oracle(schema)}.{Identifiers.Oracle(Name)}";

    public override string Create =>
        $"BEGIN EXECUTE IMMEDIATE '{CreateTable.Replace("'", "''", StringComparison.Ordinal)}'; " +
        "EXCEPTION WHEN OTHERS THEN IF SQLCODE != -955 THEN RAISE; END IF; END;";

    private string CreateTable =>
        $"CREATE TABLE {Table} (flow NVARCHAR2({MaxFlow}) NOT NULL, load_id NVARCHAR2({MaxLoad}) NOT NULL, " +
        $"source NVARCHAR2({LedgerSource.MaxLength}) NOT NULL, first_record NUMBER(19) NOT NULL, last_record NUMBER(19) NOT NULL, row_count NUMBER(10) NOT NULL, " +
        "run_id NVARCHAR2(36) NOT NULL, committed_at TIMESTAMP DEFAULT SYS_EXTRACT_UTC(SYSTIMESTAMP) NOT NULL, PRIMARY KEY (flow, load_id, source, first_record))";

    public override string P(string name) => ":" + name;

    public override void Prepare(System.Data.Common.DbCommand command) => OracleProvider.BindByName(command);
}

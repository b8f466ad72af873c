namespace EtlStudio.Engine.Loading.Ledger;

/// <summary>SQL text of the batch ledger table (<c>etlstudio_batches</c>) in one schema of one database. The table
/// lives beside the destination table, so a batch's receipt commits in the batch's own transaction.</summary>
/// <remarks>Columns: <c>flow</c>, <c>load_id</c>, <c>source</c>, <c>first_record</c>, <c>last_record</c> (the key:
/// one receipt per flow, load, source and first record), <c>row_count</c>, <c>run_id</c>, <c>committed_at</c>.
/// Key lengths stay under SQL Server's 900-byte index key limit.</remarks>
internal abstract class LedgerSql
{
    /// <summary>Table name as created (Oracle folds it to upper case).</summary>
    public const string TableName = "etlstudio_batches";
    public const int MaxFlow = 64;
    public const int MaxLoad = 64;

    /// <summary>The quoted, schema-qualified table.</summary>
    public abstract string Table { get; }

    /// <summary>Creates the table when it does not exist (idempotent).</summary>
    public abstract string Create { get; }

    /// <summary>Placeholder for a named parameter.</summary>
    public virtual string P(string name) => "@" + name;

    /// <summary>The parameter name as the provider's DbParameter wants it.</summary>
    public virtual string ParameterName(string name) => name;

    /// <summary>A receipt: flow, load, source, first, last, rows, run.</summary>
    public string Insert =>
        $"INSERT INTO {Table} (flow, load_id, source, first_record, last_record, row_count, run_id) " +
        $"VALUES ({P("l_flow")}, {P("l_load")}, {P("l_source")}, {P("l_first")}, {P("l_last")}, {P("l_rows")}, {P("l_run")})";

    /// <summary>Every receipt of one load.</summary>
    public string Select => $"SELECT source, first_record, last_record, row_count FROM {Table} WHERE flow = {P("l_flow")} AND load_id = {P("l_load")}";

    /// <summary>One row per source of a load: its lowest and highest record and the rows, for loads that only move
    /// forward (Kafka partitions), whose receipts would otherwise grow without end.</summary>
    public string Frontier =>
        $"SELECT source, MIN(first_record), MAX(last_record), SUM(row_count) FROM {Table} WHERE flow = {P("l_flow")} AND load_id = {P("l_load")} GROUP BY source";

    /// <summary>Receipts older than the retention period.</summary>
    public string Purge => $"DELETE FROM {Table} WHERE committed_at < {P("l_before")}";

    /// <summary>Provider settings a command needs before it runs (Oracle: bind by name).</summary>
    public virtual void Prepare(System.Data.Common.DbCommand command) { }

    /// <summary>The value of the <c>before</c> parameter of <see cref="Purge"/>.</summary>
    public virtual object Before(DateTime utc) => utc;
}

using EtlStudio.Engine.Loading.Ledger;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>The batch ledger in the destination table's PostgreSQL schema.</summary>
internal sealed class PostgresLedgerSql(string? schema) : LedgerSql
{
    public override string Table { get; } = schema is null ? Identifiers.Ansi(TableName) : $"{Identifiers.Ansi(schema)}.{Identifiers.Ansi(TableName)}";

    public override string Create =>
        $"CREATE TABLE IF NOT EXISTS {Table} (flow varchar({MaxFlow}) NOT NULL, load_id varchar({MaxLoad}) NOT NULL, " +
        $"source varchar({LedgerSource.MaxLength}) NOT NULL, first_record bigint NOT NULL, last_record bigint NOT NULL, row_count integer NOT NULL, " +
        "run_id varchar(36) NOT NULL, committed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (flow, load_id, source, first_record))";
}

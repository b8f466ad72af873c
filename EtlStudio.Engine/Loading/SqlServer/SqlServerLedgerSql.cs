using EtlStudio.Engine.Loading.Ledger;

namespace EtlStudio.Engine.Loading.SqlServer;

/// <summary>The batch ledger in the destination table's SQL Server schema.</summary>
internal sealed class SqlServerLedgerSql(string? schema) : LedgerSql
{
    public override string Table { get; } = schema is null ? Identifiers.Bracket(TableName) : $"{Identifiers.Bracket(schema)}.{Identifiers.Bracket(TableName)}";

    /// <summary>OBJECT_ID takes the name as a string: the quoted name inside an N'' literal, quotes doubled.</summary>
    public override string Create =>
        $"IF OBJECT_ID(N'{Table.Replace("'", "''", StringComparison.Ordinal)}', N'U') IS NULL " +
        $"CREATE TABLE {Table} (flow nvarchar({MaxFlow}) NOT NULL, load_id nvarchar({MaxLoad}) NOT NULL, " +
        $"source nvarchar({LedgerSource.MaxLength}) NOT NULL, first_record bigint NOT NULL, last_record bigint NOT NULL, row_count int NOT NULL, " +
        "run_id nvarchar(36) NOT NULL, committed_at datetime2 NOT NULL DEFAULT SYSUTCDATETIME(), PRIMARY KEY (flow, load_id, source, first_record));";
}

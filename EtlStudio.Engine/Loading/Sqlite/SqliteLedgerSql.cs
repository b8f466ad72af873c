using System.Globalization;
using EtlStudio.Engine.Loading.Ledger;

namespace EtlStudio.Engine.Loading.Sqlite;

/// <summary>The batch ledger in the destination table's SQLite database (main or an attached one).</summary>
internal sealed class SqliteLedgerSql(string? schema) : LedgerSql
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss.fff";

    public override string Table { get; } = $"{Identifiers.Ansi(schema ?? "main")}.{Identifiers.Ansi(TableName)}";

    /// <summary>Times as sortable UTC text, written by the database itself.</summary>
    public override string Create =>
        $"CREATE TABLE IF NOT EXISTS {Table} (flow TEXT NOT NULL, load_id TEXT NOT NULL, source TEXT NOT NULL, " +
        "first_record INTEGER NOT NULL, last_record INTEGER NOT NULL, row_count INTEGER NOT NULL, run_id TEXT NOT NULL, " +
        "committed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), PRIMARY KEY (flow, load_id, source, first_record))";

    public override object Before(DateTime utc) => utc.ToString(TimeFormat, CultureInfo.InvariantCulture);
}

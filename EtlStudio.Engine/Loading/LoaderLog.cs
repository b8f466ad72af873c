using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Engine.Loading;

/// <summary>Log messages of the loaders. Table names only: connection strings are never logged.</summary>
internal static partial class LoaderLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Wrote a batch of {Rows} rows into {Table} ({Mode})")]
    public static partial void BatchWritten(ILogger logger, int rows, string table, LoadMode mode);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Replaced the rows of {Table}")]
    public static partial void Replaced(ILogger logger, string table);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Replace of {Table} ended without completing; its transaction was rolled back and the old rows stay")]
    public static partial void ReplaceRolledBack(ILogger logger, string table);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Dry run into {Table} ({Mode}) rolled back; the table is unchanged")]
    public static partial void DryRunRolledBack(ILogger logger, string table, LoadMode mode);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Debug, Message = "Batch ledger {Table} not purged: {Reason}")]
    public static partial void LedgerPurgeSkipped(ILogger logger, string table, string reason);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "Changed the schema of {Table}: {Statement}")]
    public static partial void SchemaChanged(ILogger logger, string table, string statement);
}

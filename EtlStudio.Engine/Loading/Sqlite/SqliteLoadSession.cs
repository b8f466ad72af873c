using System.Data.Common;
using EtlStudio.Engine.Definitions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Engine.Loading.Sqlite;

/// <summary>One load into one SQLite table: a prepared insert (or upsert) run row by row in the batch's transaction.
/// Rows run in batch order, so a key repeated within an upsert batch ends with its last row. During a replace, readers
/// in WAL mode keep seeing the old rows until the commit.</summary>
internal sealed class SqliteLoadSession : TransactionalLoadSession
{
    private readonly ResolvedTarget _target;
    private readonly SqliteBinding[] _bindings;
    private readonly string _insert;

    private SqliteLoadSession(SqliteConnection connection, DestinationDefinition destination, ResolvedTarget target, ILogger logger)
        : base(connection, destination, target, logger)
    {
        _target = target;
        _bindings = [.. target.Targets.Select((t, i) => SqliteBinding.For(t.Type, target.Columns[i].TypeName)!)];
        _insert = SqliteSql.Insert(target, destination.Mode == LoadMode.Upsert);
    }

    public static async Task<SqliteLoadSession> StartAsync(SqliteConnection connection, DestinationDefinition destination, ResolvedTarget target, ILogger logger, CancellationToken cancellationToken)
    {
        var session = new SqliteLoadSession(connection, destination, target, logger);
        if (destination.Mode == LoadMode.TruncateReplace)
        {
            await session.BeginReplaceAsync(SqliteSql.DeleteAll(target.Table), cancellationToken).ConfigureAwait(false);
        }
        return session;
    }

    protected override async Task WriteAsync(RowBatch batch, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new SqliteCommand(_insert, (SqliteConnection)Connection, (SqliteTransaction)transaction) { CommandTimeout = Destination.CommandTimeoutSeconds };
        var parameters = _bindings.Select((b, i) => command.Parameters.Add(SqliteSql.Parameter(i), b.Type)).ToArray();
        command.Prepare();
        for (var r = 0; r < batch.Count; r++)
        {
            var row = batch.Rows[r];
            var c = 0;
            try
            {
                for (; c < parameters.Length; c++)
                {
                    parameters[c].Value = row[c] is { } value ? _bindings[c].Convert(value) : DBNull.Value;
                }
                c = -1;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidCastException or IndexOutOfRangeException or OverflowException)
            {
                throw new EtlDataException($"batch row {r + 1}: {e.Message}", Destination.Table, null, c >= 0 ? _target.Columns[c].Name : null, e);
            }
            catch (SqliteException e)
            {
                // SQLite names the column in its constraint messages ("NOT NULL constraint failed: t.name").
                throw new EtlDataException($"batch row {r + 1}: {e.Message}", Destination.Table, null, null, e);
            }
        }
    }
}

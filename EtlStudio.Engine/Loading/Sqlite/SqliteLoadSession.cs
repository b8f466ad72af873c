using System.Data.Common;
using EtlStudio.Engine.Definitions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Engine.Loading.Sqlite;

/// <summary>One load into one SQLite table: a prepared insert (or upsert) run row by row in the batch's transaction.
/// Rows run in batch order, so a key repeated within an upsert batch ends with its last row. During a replace, readers
/// in WAL mode keep seeing the old rows until the commit. An upsert looks its key up before each row, in the same
/// transaction, to tell an insert from an update.</summary>
internal sealed class SqliteLoadSession : TransactionalLoadSession
{
    private readonly string[] _names;
    private readonly SqliteBinding[] _bindings;
    private readonly string _insert;
    private readonly string? _keyExists;
    private readonly int[] _keyOrdinals;

    private SqliteLoadSession(SqliteConnection connection, DestinationDefinition destination, ResolvedTarget target, bool dryRun, ILogger logger)
        : base(connection, destination, target, dryRun, logger)
    {
        _names = [.. target.Columns.Select(c => c.Name)];
        _bindings = [.. target.Targets.Select((t, i) => SqliteBinding.For(t.Type, target.Columns[i].TypeName)!)];
        _insert = SqliteSql.Insert(target, destination.Mode == LoadMode.Upsert);
        _keyExists = destination.Mode == LoadMode.Upsert ? SqliteSql.KeyExists(target) : null;
        _keyOrdinals = _keyExists is null ? [] : [.. target.Keys.Select(k => target.Columns.ToList().FindIndex(c => c.Name == k))];
    }

    public static async Task<SqliteLoadSession> StartAsync(SqliteConnection connection, DestinationDefinition destination, ResolvedTarget target, bool dryRun, ILogger logger, CancellationToken cancellationToken)
    {
        var session = new SqliteLoadSession(connection, destination, target, dryRun, logger);
        await session.OpenAsync(SqliteSql.DeleteAll(target.Table), cancellationToken).ConfigureAwait(false);
        return session;
    }

    protected override async Task<long> WriteAsync(RowBatch batch, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Prepare(_insert, transaction);
        var parameters = command.Parameters.Cast<SqliteParameter>().ToArray();
        // The key lookup has the insert's parameters; only the key columns' are set, the others it does not use.
        await using var lookup = _keyExists is null ? null : Prepare(_keyExists, transaction);
        var inserted = 0L;
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
                if (lookup is not null)
                {
                    foreach (var k in _keyOrdinals) lookup.Parameters[k].Value = parameters[k].Value;
                    if (Convert.ToInt64(await lookup.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 0) inserted++;
                }
                else
                {
                    inserted++;
                }
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidCastException or IndexOutOfRangeException or OverflowException)
            {
                throw LoadRowError.At(Destination.Table, batch, r, c, c >= 0 ? _names[c] : null, e.Message, e);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 18 or 19 or 20)
            {
                // TOOBIG, CONSTRAINT, MISMATCH: about this row. Anything else (a full disk, a locked or read-only file)
                // is about the load and passes as it is.
                // SQLite names the column in its NOT NULL and UNIQUE messages ("NOT NULL constraint failed: t.name").
                var column = SqliteSql.ConstraintColumn(e.Message, _names);
                throw LoadRowError.At(Destination.Table, batch, r, column, column >= 0 ? _names[column] : null, e.Message, e);
            }
        }
        return inserted;
    }

    private SqliteCommand Prepare(string sql, DbTransaction transaction)
    {
        var command = new SqliteCommand(sql, (SqliteConnection)Connection, (SqliteTransaction)transaction) { CommandTimeout = Destination.CommandTimeoutSeconds };
        for (var i = 0; i < _bindings.Length; i++) command.Parameters.Add(SqliteSql.Parameter(i), _bindings[i].Type);
        command.Prepare();
        return command;
    }
}

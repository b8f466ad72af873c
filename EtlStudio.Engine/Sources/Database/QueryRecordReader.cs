using System.Data;
using System.Data.Common;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;
using Microsoft.Data.Sqlite;

namespace EtlStudio.Engine.Sources.Database;

/// <summary>Rows of a query, streamed with <see cref="CommandBehavior.SequentialAccess"/>: one row in memory at a
/// time, each column read once in order and kept as invariant text for the mapper.</summary>
/// <remarks>Disposed before the last row (run cancelled, reject threshold crossed, load failed), it cancels the command
/// first: Npgsql and SqlClient otherwise read the rest of the result on dispose, so stopping a big query would take as
/// long as reading it (npgsql/npgsql#4542, #314; SqlCommand.Cancel remarks: cancel before closing the reader).</remarks>
internal sealed class QueryRecordReader : IRecordReader
{
    private readonly DbConnection _connection;
    private readonly DbTransaction? _transaction;
    private readonly DbCommand _command;
    private readonly DbDataReader _reader;
    private readonly bool _sqlite;
    private readonly string?[] _values;
    private readonly string[] _fields;
    private bool _exhausted;

    private QueryRecordReader(DbConnection connection, DbTransaction? transaction, DbCommand command, DbDataReader reader, string origin, bool sqlite)
    {
        _connection = connection;
        _transaction = transaction;
        _command = command;
        _reader = reader;
        _sqlite = sqlite;
        Origin = origin;
        _fields = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        _values = new string?[_fields.Length];
    }

    public string Origin { get; }
    public long RecordNumber { get; private set; }
    public IReadOnlyList<string> Fields => _fields;
    public string? RecordError => null;

    public static async Task<IRecordReader> OpenAsync(DatabaseSourceDefinition source, CancellationToken cancellationToken)
    {
        var factory = DbProviders.Factory(source.Provider);
        var connection = factory.CreateConnection() ?? throw new InvalidOperationException($"{source.Provider} made no connection.");
        DbCommand? command = null;
        DbTransaction? transaction = null;
        var origin = $"query on {source.Provider}";
        try
        {
            connection.ConnectionString = source.ConnectionString;
            origin = OriginOf(source, connection);
            await connection.OpenAsync(cancellationToken);
            if (source.ReadOnly) transaction = await BeginReadOnlyAsync(connection, source.Provider, cancellationToken);
            command = QueryCommand.Create(connection, source);
            command.Transaction = transaction;
            var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            return new QueryRecordReader(connection, transaction, command, reader, origin, source.Provider == DatabaseProvider.Sqlite);
        }
        catch (Exception e)
        {
            if (command is not null) await command.DisposeAsync();
            if (transaction is not null) await EndReadOnlyAsync(connection, transaction, source.Provider == DatabaseProvider.Sqlite);
            await connection.DisposeAsync();
            if (e is DbException { IsTransient: false } db) throw new EtlDataException($"query failed: {db.Message}", origin, inner: db);
            if (e is ArgumentException bad) throw new EtlDataException($"bad connection settings: {bad.Message}", origin, inner: bad);
            throw;
        }
    }

    /// <summary>Where the records come from: the database, and for a partition its range, so that each partition's records
    /// have their own key in the batch ledger (a retried partition skips only what it committed itself).</summary>
    internal static string OriginOf(DatabaseSourceDefinition source, DbConnection connection) =>
        source.Range is { } range ? $"{DbProviders.Describe(source.Provider, connection)} [{range}]" : DbProviders.Describe(source.Provider, connection);

    public int Bind(string fieldPath)
    {
        var exact = Array.IndexOf(_fields, fieldPath);
        return exact >= 0 ? exact : Array.FindIndex(_fields, f => string.Equals(f, fieldPath, StringComparison.OrdinalIgnoreCase));
    }

    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await _reader.ReadAsync(cancellationToken))
            {
                _exhausted = true;
                return false;
            }
            RecordNumber++;
            // Sequential access allows each column once, in order: read them all now so GetValue can be called freely.
            for (var i = 0; i < _values.Length; i++)
            {
                if (await _reader.IsDBNullAsync(i, cancellationToken))
                {
                    _values[i] = null;
                    continue;
                }
                var value = _reader.GetValue(i);
                _values[i] = _sqlite ? InvariantText.FormatSqlite(value, _reader.GetDataTypeName(i)) : InvariantText.Format(value);
            }
            return true;
        }
        catch (DbException e) when (!e.IsTransient)
        {
            throw new EtlDataException($"reading the result failed: {e.Message}", Origin, RecordNumber + 1, inner: e);
        }
    }

    public string? GetValue(int handle) => handle >= 0 && handle < _values.Length ? _values[handle] : null;

    public async ValueTask DisposeAsync()
    {
        if (!_exhausted) CancelCommand();
        try
        {
            await _reader.DisposeAsync();
        }
        catch (DbException) when (!_exhausted)
        {
            // How the cancelled rest of the result ends ("canceling statement due to user request"): the run stops for
            // its own reason, which is the one to report.
        }
        await _command.DisposeAsync();
        // Never committed: disposing rolls back whatever the statement did.
        if (_transaction is not null) await EndReadOnlyAsync(_connection, _transaction, _sqlite);
        await _connection.DisposeAsync();
    }

    /// <summary>Rolls back and, for SQLite, lifts query_only again: the pool hands the connection to the next user.</summary>
    private static async Task EndReadOnlyAsync(DbConnection connection, DbTransaction transaction, bool sqlite)
    {
        await transaction.DisposeAsync();
        if (!sqlite || connection.State != ConnectionState.Open) return;
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA query_only = OFF";
        await pragma.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>A transaction that is rolled back at the end, read-only where the database can enforce it.</summary>
    private static async Task<DbTransaction> BeginReadOnlyAsync(DbConnection connection, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            // query_only refuses every write on this connection; the connection is closed with the reader.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA query_only = ON";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        // Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE, which takes the write lock and so is itself refused under
        // query_only ("attempt to write a readonly database"); a deferred transaction only reads.
        var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(cancellationToken);
        if (provider is DatabaseProvider.PostgreSql or DatabaseProvider.Oracle)
        {
            await using var readOnly = connection.CreateCommand();
            readOnly.Transaction = transaction;
            readOnly.CommandText = "SET TRANSACTION READ ONLY";
            await readOnly.ExecuteNonQueryAsync(cancellationToken);
        }
        return transaction;
    }

    private void CancelCommand()
    {
        try
        {
            // Npgsql and SqlClient document that a failed cancel throws nothing; other providers may.
            _command.Cancel();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or NotSupportedException)
        {
            // Then the dispose reads the rest of the result: slow, but correct.
        }
    }
}

using System.Data.Common;
using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>One load into one PostgreSQL table. Append and TruncateReplace COPY straight into the table; Upsert COPYs
/// each batch into a session temp table and merges it with ON CONFLICT in the batch's transaction, counting the keys
/// that were new.</summary>
internal sealed partial class PostgresLoadSession : TransactionalLoadSession
{
    private readonly PostgresValueWriter[] _writers;
    private readonly string[] _names;
    private readonly string _copy;
    private readonly string? _tempName;
    private readonly string? _upsert;
    private readonly PostgresCopyWriter? _encoder;

    private PostgresLoadSession(NpgsqlConnection connection, DestinationDefinition destination, ResolvedTarget target, bool dryRun, bool rawCopy, ILogger logger)
        : base(connection, destination, target, dryRun, logger)
    {
        _encoder = rawCopy && IsUtf8(connection) ? PostgresCopyWriter.TryCreate(target, destination.Mode == LoadMode.Upsert) : null;
        _names = [.. target.Columns.Select(c => c.Name)];
        _writers = [.. target.Targets.Select((t, i) => PostgresValueWriters.For(t.Type, target.Columns[i].TypeName)!)];
        if (destination.Mode == LoadMode.Upsert)
        {
            _tempName = $"etl_upsert_{Guid.NewGuid():N}";
            _upsert = PostgresSql.Upsert(_tempName, target);
            _copy = PostgresSql.CopyInto(Identifiers.Ansi(_tempName), [.. _names, PostgresSql.RowColumn]);
        }
        else
        {
            _copy = PostgresSql.CopyInto(PostgresSql.Table(target.Table), _names);
        }
    }

    /// <summary>Opens the session. With <paramref name="rawCopy"/> rows are encoded by <see cref="PostgresCopyWriter"/> when
    /// every column pair has an encoder and the connection's client_encoding is UTF8; otherwise, and without it, they go
    /// through <see cref="NpgsqlBinaryImporter"/>.</summary>
    public static async Task<PostgresLoadSession> StartAsync(NpgsqlConnection connection, DestinationDefinition destination, ResolvedTarget target, bool dryRun, bool rawCopy, ILogger logger, CancellationToken cancellationToken)
    {
        var session = new PostgresLoadSession(connection, destination, target, dryRun, rawCopy, logger);
        if (session._tempName is not null)
        {
            await session.ExecuteAsync(PostgresSql.CreateUpsertTable(session._tempName, target), null, cancellationToken).ConfigureAwait(false);
        }
        await session.OpenAsync(PostgresSql.DeleteAll(target.Table), cancellationToken).ConfigureAwait(false);
        return session;
    }

    protected override async Task<long> WriteAsync(RowBatch batch, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // ON COMMIT DELETE ROWS empties the temp table between batches only when each batch commits.
        if (_tempName is not null && SpansBatches) await ExecuteAsync(PostgresSql.Empty(_tempName), transaction, cancellationToken).ConfigureAwait(false);
        await CopyAsync(batch, cancellationToken).ConfigureAwait(false);
        return _upsert is null ? batch.Count : await CountAsync(_upsert, transaction, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Transient server errors (deadlock, serialization failure, shutdown) stay as they are, so a retry policy sees them.</summary>
    protected override EtlDataException? Translate(Exception exception, RowBatch? batch) =>
        exception is PostgresException { IsTransient: false } e ? PostgresLoadError.From(Destination.Table, e, batch, _names) : null;

    /// <summary>Class 22 (data exception) and 23 (integrity constraint violation).</summary>
    protected override bool IsRowData(Exception exception) =>
        exception is PostgresException { SqlState: ['2', '2' or '3', ..] };

    protected override async ValueTask CleanUpAsync()
    {
        if (_tempName is null || Connection.State != System.Data.ConnectionState.Open) return;
        try
        {
            await ExecuteAsync(PostgresSql.Drop(_tempName), null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The temp table dies with the database session anyway; a broken connection must not hide the original error.
        }
    }
}

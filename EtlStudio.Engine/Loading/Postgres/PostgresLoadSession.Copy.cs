using Npgsql;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>The COPY of one batch: encoded by <see cref="PostgresCopyWriter"/> into a raw binary COPY, or written cell by
/// cell through <see cref="NpgsqlBinaryImporter"/> when the session has no encoder. Both locate a value they cannot
/// write by row and column, and both abandon the COPY on any failure, so nothing of the batch reaches the table.</summary>
internal sealed partial class PostgresLoadSession
{
    /// <summary>True when this load writes through <see cref="PostgresCopyWriter"/>.</summary>
    internal bool EncodesRows => _encoder is not null;

    /// <summary>The encoders write UTF-8; the server reads COPY text in the client_encoding, which Npgsql sets to UTF8
    /// unless the connection string asks for another.</summary>
    private static bool IsUtf8(NpgsqlConnection connection) =>
        connection.PostgresParameters.TryGetValue("client_encoding", out var encoding) &&
        string.Equals(encoding, "UTF8", StringComparison.OrdinalIgnoreCase);

    private Task CopyAsync(RowBatch batch, CancellationToken cancellationToken) =>
        _encoder is { } encoder ? EncodeAsync(encoder, batch, cancellationToken) : ImportAsync(batch, cancellationToken);

    private async Task EncodeAsync(PostgresCopyWriter encoder, RowBatch batch, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)Connection;
        await using var copy = await connection.BeginRawBinaryCopyAsync(_copy, cancellationToken).ConfigureAwait(false);
        if (copy.CanTimeout) copy.WriteTimeout = copy.ReadTimeout = checked(Destination.CommandTimeoutSeconds * 1000);
        try
        {
            encoder.Begin();
            for (var r = 0; r < batch.Count; r++)
            {
                var row = RowOf(batch, r);
                cancellationToken.ThrowIfCancellationRequested();
                encoder.StartRow();
                for (var c = 0; c < encoder.Columns; c++)
                {
                    if (row[c] is not { } value)
                    {
                        encoder.WriteNull();
                        continue;
                    }
                    try
                    {
                        encoder.Write(c, value);
                    }
                    catch (Exception e) when (e is InvalidCastException or ArgumentException or OverflowException)
                    {
                        throw CellError(batch, r, c, value, e);
                    }
                }
                if (_tempName is not null) encoder.WriteInt64Field(r);
                if (encoder.IsFull)
                {
                    await copy.WriteAsync(encoder.Pending, cancellationToken).ConfigureAwait(false);
                    encoder.Clear();
                }
            }
            encoder.End();
            await copy.WriteAsync(encoder.Pending, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            encoder.Clear();
            await AbandonAsync(copy).ConfigureAwait(false);
            throw;
        }
        encoder.Clear();
        // Disposing sends CopyDone and waits for the server: its refusal of a value (COPY t, line n, column c) is thrown here.
    }

    /// <summary>Sends CopyFail so the server drops what it received of the batch. When the server had already refused
    /// an earlier row, that refusal comes back instead (and replaces the client's error: it is about an earlier row).</summary>
    private static async Task AbandonAsync(NpgsqlRawCopyStream copy)
    {
        try
        {
            await copy.CancelAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not PostgresException)
        {
            // The connection broke or the COPY already ended: the batch's transaction is lost with it, and the original error says why.
        }
    }

    private async Task ImportAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)Connection;
        await using var importer = await connection.BeginBinaryImportAsync(_copy, cancellationToken).ConfigureAwait(false);
        importer.Timeout = TimeSpan.FromSeconds(Destination.CommandTimeoutSeconds);
        for (var r = 0; r < batch.Count; r++)
        {
            var row = RowOf(batch, r);
            // Rows are written synchronously (see PostgresValueWriter): the token is checked per row instead.
            cancellationToken.ThrowIfCancellationRequested();
            importer.StartRow();
            for (var c = 0; c < _writers.Length; c++)
            {
                var value = row[c];
                if (value is null)
                {
                    importer.WriteNull();
                    continue;
                }
                try
                {
                    _writers[c](importer, value);
                }
                catch (Exception e) when (e is InvalidCastException or ArgumentException or OverflowException)
                {
                    throw CellError(batch, r, c, value, e);
                }
            }
            if (_tempName is not null) importer.Write((long)r, NpgsqlTypes.NpgsqlDbType.Bigint);
        }
        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private object?[] RowOf(RowBatch batch, int r)
    {
        var row = batch.Rows[r];
        return row.Length < _writers.Length
            ? throw LoadRowError.At(Destination.Table, batch, r, -1, null, $"the row has {row.Length} values for {_writers.Length} columns.")
            : row;
    }

    private EtlDataException CellError(RowBatch batch, int r, int c, object value, Exception e) =>
        LoadRowError.At(Destination.Table, batch, r, c, _names[c], $"{e.Message} (value of type {value.GetType().Name})", e);
}

using System.Data.Common;
using System.Globalization;

namespace EtlStudio.Engine.Loading.Ledger;

/// <summary>Reads and writes one load's receipts in the destination's <c>etlstudio_batches</c> table.</summary>
internal sealed class BatchLedger(LedgerSql sql, LoadLedger load, int commandTimeoutSeconds)
{
    public LoadLedger Load { get; } = load;

    /// <summary>The quoted table, for messages.</summary>
    public string Table => sql.Table;

    /// <summary>Creates the table on first use. Two runs creating it at once may race: a failed create is fine when the
    /// table is there afterwards; otherwise the error says what to run by hand (the destination user may lack CREATE).</summary>
    public async Task EnsureAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var create = Command(connection, null, sql.Create);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (!e.IsTransient)
        {
            try
            {
                await using var probe = Command(connection, null, $"SELECT COUNT(*) FROM {sql.Table} WHERE 1 = 0");
                await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException)
            {
                throw new EtlDataException(
                    $"the batch ledger {sql.Table} does not exist and could not be created ({e.Message}); create it once with: {sql.Create}", sql.Table, inner: e);
            }
        }
    }

    /// <summary>What the load committed so far: every receipt, or for a load that only moves forward (message offsets)
    /// one range per source.</summary>
    public async Task<CommittedRanges> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null, Load.IsAtomic ? sql.Frontier : sql.Select);
        Add(command, "l_flow", Load.Flow);
        Add(command, "l_load", Load.Load);
        var receipts = new List<BatchReceipt>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            receipts.Add(new BatchReceipt(reader.GetString(0), Long(reader.GetValue(1)), Long(reader.GetValue(2)), (int)Long(reader.GetValue(3))));
        }
        return new CommittedRanges(receipts);
    }

    /// <summary>Writes <paramref name="receipts"/> inside <paramref name="transaction"/>, the one that commits the rows.
    /// The key refuses a second receipt for the same rows, which rolls the batch back rather than loading it twice.</summary>
    public async Task RecordAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<BatchReceipt> receipts, CancellationToken cancellationToken)
    {
        foreach (var receipt in receipts)
        {
            await using var command = Command(connection, transaction, sql.Insert);
            Add(command, "l_flow", Load.Flow);
            Add(command, "l_load", Load.Load);
            Add(command, "l_source", receipt.Source);
            Add(command, "l_first", receipt.First);
            Add(command, "l_last", receipt.Last);
            Add(command, "l_rows", receipt.Rows);
            Add(command, "l_run", Load.Run.ToString());
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException e) when (!e.IsTransient)
            {
                throw new EtlDataException(
                    $"the receipt of records {receipt.First} to {receipt.Last} of load {Load.Load} could not be written to {sql.Table}: {e.Message}", receipt.Source, inner: e);
            }
        }
    }

    /// <summary>Deletes receipts committed before <paramref name="before"/> (UTC); returns how many.</summary>
    public async Task<int> PurgeAsync(DbConnection connection, DateTime before, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null, sql.Purge);
        Add(command, "l_before", sql.Before(before));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private DbCommand Command(DbConnection connection, DbTransaction? transaction, string text)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.Transaction = transaction;
        command.CommandTimeout = commandTimeoutSeconds;
        sql.Prepare(command);
        return command;
    }

    private void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = sql.ParameterName(name);
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static long Long(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}

using System.Data.Common;

namespace EtlStudio.Engine.Loading.Oracle;

/// <summary>Counts the table's rows whose key is one of a batch's keys. Run before and after the batch's MERGE in the same
/// transaction, the difference is the number of keys the MERGE inserted, judged by the database's own key equality
/// (an array-bound MERGE reports one affected row per element, insert or update alike).</summary>
internal sealed class OracleKeyCount(ResolvedTarget target, IReadOnlyList<OracleBinding> bindings, string table)
{
    /// <summary>Oracle allows at most 1000 expressions in an IN list.</summary>
    internal const int RowsPerStatement = 1000;
    private readonly int[] _keys = [.. target.Keys.Select(k => target.Columns.ToList().FindIndex(c => c.Name == k))];

    public async Task<long> CountAsync(RowBatch batch, DbConnection connection, DbTransaction transaction, int timeoutSeconds, CancellationToken cancellationToken)
    {
        // Distinct first: a key repeated in two statements would be counted twice.
        var keys = new List<object[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < batch.Count; r++)
        {
            var key = Bind(batch, r);
            if (seen.Add(string.Join('\u001f', key.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)?.Replace("\u001f", "\u001f\u001f", StringComparison.Ordinal)))))
            {
                keys.Add(key);
            }
        }
        var total = 0L;
        for (var start = 0; start < keys.Count; start += RowsPerStatement)
        {
            var chunk = keys.GetRange(start, Math.Min(RowsPerStatement, keys.Count - start));
            await using var command = connection.CreateCommand();
            command.CommandText = OracleSql.CountKeys(target, chunk.Count);
            command.Transaction = transaction;
            command.CommandTimeout = timeoutSeconds;
            for (var r = 0; r < chunk.Count; r++)
            {
                for (var k = 0; k < _keys.Length; k++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = OracleSql.KeyParameter(r, k);
                    parameter.DbType = bindings[_keys[k]].Type;
                    parameter.Value = chunk[r][k];
                    command.Parameters.Add(parameter);
                }
            }
            OracleProvider.BindByName(command);
            total += Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }
        return total;
    }

    private object[] Bind(RowBatch batch, int r)
    {
        var row = batch.Rows[r];
        var key = new object[_keys.Length];
        for (var k = 0; k < _keys.Length; k++)
        {
            var c = _keys[k];
            try
            {
                key[k] = bindings[c].Convert(row[c]!);
            }
            catch (InvalidCastException e)
            {
                throw LoadRowError.At(table, batch, r, c, target.Columns[c].Name, $"{e.Message} (value of type {row[c]!.GetType().Name})", e);
            }
        }
        return key;
    }
}

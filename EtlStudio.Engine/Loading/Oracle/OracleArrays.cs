using System.Data.Common;

namespace EtlStudio.Engine.Loading.Oracle;

/// <summary>Turns a batch's rows into one array per column: parameter <c>pN</c> carries column N of every row.</summary>
internal static class OracleArrays
{
    public static IEnumerable<DbParameter> Bind(RowBatch batch, IReadOnlyList<OracleBinding> bindings, ResolvedTarget target, string table, Func<DbParameter> create)
    {
        for (var c = 0; c < bindings.Count; c++)
        {
            var values = new object[batch.Count];
            for (var r = 0; r < batch.Count; r++)
            {
                var value = batch.Rows[r][c];
                try
                {
                    values[r] = value is null ? DBNull.Value : bindings[c].Convert(value);
                }
                catch (InvalidCastException e)
                {
                    throw LoadRowError.At(table, batch, r, c, target.Columns[c].Name, $"{e.Message} (value of type {value!.GetType().Name})", e);
                }
            }
            var parameter = create();
            parameter.ParameterName = OracleSql.Parameter(c);
            parameter.DbType = bindings[c].Type;
            parameter.Value = values;
            yield return parameter;
        }
    }
}

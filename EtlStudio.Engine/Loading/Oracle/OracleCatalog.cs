using System.Data.Common;
using System.Globalization;

namespace EtlStudio.Engine.Loading.Oracle;

/// <summary>Reads a table's columns and unique keys from the ALL_* dictionary views; names travel as bind variables.</summary>
internal static class OracleCatalog
{
    public static async Task<TableCatalog?> ReadAsync(DbConnection connection, TableName table, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(connection, OracleSql.TableQuery, table.Schema, table.Name, cancellationToken).ConfigureAwait(false);
        if (found.Count == 0) return null;
        var (owner, name) = ((string)found[0][0]!, (string)found[0][1]!);
        var columns = (await QueryAsync(connection, OracleSql.ColumnsQuery, owner, name, cancellationToken).ConfigureAwait(false))
            .Select(Column)
            .ToList();
        var keys = (await QueryAsync(connection, OracleSql.UniqueKeysQuery, owner, name, cancellationToken).ConfigureAwait(false))
            .GroupBy(r => (string)r[0]!)
            .Select(g => (IReadOnlyList<string>)[.. g.Select(r => (string)r[1]!)])
            .ToList();
        return new TableCatalog(owner, name, columns, keys);
    }

    /// <summary>One row of <see cref="OracleSql.ColumnsQuery"/>.</summary>
    internal static CatalogColumn Column(object?[] r)
    {
        var type = ((string)r[1]!).ToLowerInvariant();
        var length = type == "raw" ? r[5] : r[2];
        // DEFAULT ON NULL (identity columns included) puts the default in place of an explicit NULL.
        var notNull = r[6] is "N" && r[7] is not "YES";
        return new CatalogColumn((string)r[0]!, type, Int(length), Int(r[3]), Int(r[4]), NotNull: notNull);
    }

    private static int? Int(object? value) => value is null ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);

    private static async Task<List<object?[]>> QueryAsync(DbConnection connection, string sql, string? schema, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        OracleProvider.BindByName(command);
        Add(command, "p_schema", schema);
        Add(command, "p_table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    private static void Add(DbCommand command, string name, string? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = System.Data.DbType.String;
        parameter.Value = (object?)value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}

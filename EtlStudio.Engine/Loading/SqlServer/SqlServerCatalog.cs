using Microsoft.Data.SqlClient;

namespace EtlStudio.Engine.Loading.SqlServer;

/// <summary>Reads a table's columns and unique keys from sys.* in one round trip; the names travel as parameters.</summary>
internal static class SqlServerCatalog
{
    public static async Task<TableCatalog?> ReadAsync(SqlConnection connection, TableName table, CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(SqlServerSql.CatalogQuery, connection);
        command.Parameters.Add("@schema", System.Data.SqlDbType.NVarChar, 128).Value = (object?)table.Schema ?? DBNull.Value;
        command.Parameters.Add("@table", System.Data.SqlDbType.NVarChar, 128).Value = table.Name;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        var (schema, name) = (reader.GetString(0), reader.GetString(1));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var columns = new List<CatalogColumn>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var type = reader.GetString(1);
            int bytes = reader.GetInt16(2);
            // max_length is in bytes; n(var)char holds two per character, and -1 means (max).
            var length = bytes > 0 && type is "nvarchar" or "nchar" ? bytes / 2 : bytes;
            columns.Add(new CatalogColumn(reader.GetString(0), type, length, reader.GetByte(3), reader.GetByte(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var keys = new Dictionary<int, List<string>>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var index = reader.GetInt32(0);
            if (!keys.TryGetValue(index, out var list)) keys[index] = list = [];
            list.Add(reader.GetString(1));
        }
        return new TableCatalog(schema, name, columns, [.. keys.Values]);
    }
}

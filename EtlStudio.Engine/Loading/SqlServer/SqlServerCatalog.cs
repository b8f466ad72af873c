using Microsoft.Data.SqlClient;

namespace EtlStudio.Engine.Loading.SqlServer;

/// <summary>Reads a table's columns and unique keys from sys.* in one round trip; the names travel as parameters.</summary>
internal static class SqlServerCatalog
{
    public static async Task<TableCatalog?> ReadAsync(SqlConnection connection, TableName table, SqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(SqlServerSql.CatalogQuery, connection, transaction);
        command.Parameters.Add("@schema", System.Data.SqlDbType.NVarChar, 128).Value = (object?)table.Schema ?? DBNull.Value;
        command.Parameters.Add("@table", System.Data.SqlDbType.NVarChar, 128).Value = table.Name;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        var (schema, name) = (reader.GetString(0), reader.GetString(1));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var columns = new List<CatalogColumn>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns.Add(Column(reader.GetString(0), reader.GetString(1), reader.GetInt16(2), reader.GetByte(3), reader.GetByte(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetBoolean(6), reader.GetBoolean(7)));
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

    /// <summary>One row of the catalog query's column set.</summary>
    internal static CatalogColumn Column(string name, string type, short maxLength, byte precision, byte scale, string? collation, bool nullable, bool identity)
    {
        // max_length is in bytes; n(var)char holds two per character, and -1 means (max).
        var length = maxLength > 0 && type is "nvarchar" or "nchar" ? maxLength / 2 : maxLength;
        // The bulk copy lets the server number an identity column (no KeepIdentity): a NULL there is never written.
        return new CatalogColumn(name, type, length, precision, scale, collation, NotNull: !nullable && !identity);
    }
}

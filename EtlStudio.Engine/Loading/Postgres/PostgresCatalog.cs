using Npgsql;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>Reads a table's columns and unique keys from pg_catalog; the names travel as parameters.</summary>
internal static class PostgresCatalog
{
    public static async Task<TableCatalog?> ReadAsync(NpgsqlConnection connection, TableName table, CancellationToken cancellationToken)
    {
        long oid;
        string schema, name;
        bool partitioned;
        await using (var cmd = new NpgsqlCommand(PostgresSql.TableQuery, connection))
        {
            cmd.Parameters.AddWithValue("schema", NpgsqlTypes.NpgsqlDbType.Text, (object?)table.Schema ?? DBNull.Value);
            cmd.Parameters.AddWithValue("table", NpgsqlTypes.NpgsqlDbType.Text, table.Name);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
            (oid, schema, name, partitioned) = (reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3));
        }
        var columns = new List<CatalogColumn>();
        await using (var cmd = new NpgsqlCommand(PostgresSql.ColumnsQuery, connection))
        {
            cmd.Parameters.AddWithValue("oid", NpgsqlTypes.NpgsqlDbType.Oid, (uint)oid);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                columns.Add(new CatalogColumn(reader.GetString(0), reader.GetString(1), Int(reader, 2), Int(reader, 3), Int(reader, 4), NotNull: reader.GetBoolean(5)));
            }
        }
        var keys = new Dictionary<long, List<string>>();
        await using (var cmd = new NpgsqlCommand(PostgresSql.UniqueKeysQuery, connection))
        {
            cmd.Parameters.AddWithValue("oid", NpgsqlTypes.NpgsqlDbType.Oid, (uint)oid);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var index = reader.GetInt64(0);
                if (!keys.TryGetValue(index, out var list)) keys[index] = list = [];
                list.Add(reader.GetString(1));
            }
        }
        return new TableCatalog(schema, name, columns, [.. keys.Values], partitioned);
    }

    private static int? Int(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
}

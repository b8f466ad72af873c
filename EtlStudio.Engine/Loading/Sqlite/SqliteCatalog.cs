using Microsoft.Data.Sqlite;

namespace EtlStudio.Engine.Loading.Sqlite;

/// <summary>Reads a table's columns, primary key and unique indexes through the pragma table functions.</summary>
internal static class SqliteCatalog
{
    public static async Task<TableCatalog?> ReadAsync(SqliteConnection connection, TableName table, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var schema = table.Schema ?? "main";
        var name = (await QueryAsync(connection, transaction, SqliteSql.TableNameQuery, table.Name, schema, cancellationToken).ConfigureAwait(false))
            .Select(r => r[0]).FirstOrDefault();
        if (name is null) return null;
        var columns = new List<CatalogColumn>();
        var primaryKey = new List<(long Order, string Name)>();
        foreach (var row in await QueryAsync(connection, transaction, SqliteSql.ColumnsQuery, name, schema, cancellationToken).ConfigureAwait(false))
        {
            columns.Add(new CatalogColumn(row[0]!, row[1]?.ToUpperInvariant() ?? "", NotNull: row[3] == "1"));
            var pk = long.Parse(row[2]!, System.Globalization.CultureInfo.InvariantCulture);
            if (pk > 0) primaryKey.Add((pk, row[0]!));
        }
        // A NULL written into the rowid alias (the one INTEGER PRIMARY KEY column) picks a new rowid, NOT NULL or not.
        if (primaryKey.Count == 1 && columns.FindIndex(c => c.Name == primaryKey[0].Name) is var alias && columns[alias].TypeName == "INTEGER")
        {
            columns[alias] = columns[alias] with { NotNull = false };
        }
        var keys = (await QueryAsync(connection, transaction, SqliteSql.UniqueIndexesQuery, name, schema, cancellationToken).ConfigureAwait(false))
            .GroupBy(r => r[0]!)
            .Where(g => g.All(r => r[1] is not null))
            .Select(g => (IReadOnlyList<string>)[.. g.Select(r => r[1]!)])
            .ToList();
        // An INTEGER PRIMARY KEY is the rowid and has no index of its own, so it never shows in pragma_index_list.
        if (primaryKey.Count > 0) keys.Add([.. primaryKey.OrderBy(p => p.Order).Select(p => p.Name)]);
        return new TableCatalog(table.Schema, name, columns, keys);
    }

    private static async Task<List<string?[]>> QueryAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, string table, string schema, CancellationToken cancellationToken)
    {
        await using var command = new SqliteCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$schema", schema);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<string?[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            rows.Add(row);
        }
        return rows;
    }
}

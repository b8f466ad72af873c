using Microsoft.Data.Sqlite;

namespace EtlStudio.Web.Tests.FlowPages;

/// <summary>The dry-run tests' data: a SQLite file with table <c>items</c> holding keys 1..3, and a CSV with keys 2..5
/// plus one row whose id is not a number (so an upsert would update 2, insert 2 and reject 1).</summary>
internal sealed class ItemsWarehouse(string folder)
{
    public const string Csv = "id,name\n2,b2\n3,c3\n4,d\n5,e\nbad,x\n";
    public static readonly (long, string)[] OldRows = [(1, "a"), (2, "b"), (3, "c")];

    public string File { get; } = Path.Combine(folder, "dw.db");
    public string Input { get; } = Directory.CreateDirectory(Path.Combine(folder, "in")).FullName;

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        await System.IO.File.WriteAllTextAsync(Path.Combine(Input, "a.csv"), Csv, cancellationToken);
        await ExecuteAsync("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c');", cancellationToken);
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={File};Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<List<(long, string)>> RowsAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={File};Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name FROM items ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(long, string)>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetInt64(0), reader.GetString(1)));
        return rows;
    }
}

using System.Data.Common;
using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>A destination for end-to-end runs: a fresh PostgreSQL database of the assembly's server, or a SQLite file;
/// plain SQL to set tables up and to read them back.</summary>
internal sealed class TargetDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFile;

    private TargetDatabase(DatabaseProvider provider, string connectionString, string? sqliteFile)
    {
        (Provider, ConnectionString, _sqliteFile) = (provider, connectionString, sqliteFile);
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static async Task<TargetDatabase> CreateAsync(DatabaseProvider provider, PostgresServer postgres)
    {
        if (provider == DatabaseProvider.PostgreSql) return new(provider, await postgres.CreateDatabaseAsync("e2e"), null);
        var file = Path.Combine(Path.GetTempPath(), $"etl-e2e-{Guid.NewGuid():N}.db");
        return new(provider, $"Data Source={file};Pooling=false", file);
    }

    public DbConnection Connect() => Provider == DatabaseProvider.PostgreSql ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = Connect();
        await connection.OpenAsync(Xunit.TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Xunit.TestContext.Current.CancellationToken);
    }

    /// <summary>Every row of the query, each cell as the provider's default CLR value (null for NULL).</summary>
    public async Task<List<object?[]>> QueryAsync(string sql)
    {
        await using var connection = Connect();
        await connection.OpenAsync(Xunit.TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Xunit.TestContext.Current.CancellationToken);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(Xunit.TestContext.Current.CancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(_sqliteFile);
        }
        return ValueTask.CompletedTask;
    }
}

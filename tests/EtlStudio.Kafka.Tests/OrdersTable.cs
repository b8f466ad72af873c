using System.Globalization;
using EtlStudio.Engine.Definitions;
using Npgsql;

namespace EtlStudio.Kafka.Tests;

/// <summary>The destination of the Kafka-to-PostgreSQL tests and benchmark: an orders table loaded by upsert on
/// <c>id</c> from JSON messages <c>{"id":…,"customer":…,"amount":…,"placed":…}</c>.</summary>
internal sealed class OrdersTable(string connectionString, string table = "orders")
{
    public string ConnectionString => connectionString;

    /// <summary>Creates the table; without <paramref name="primaryKey"/> a row loaded twice stays there twice.</summary>
    public async Task CreateAsync(CancellationToken cancellationToken, bool primaryKey = true)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(
            $"CREATE TABLE {table} (id bigint{(primaryKey ? " PRIMARY KEY" : "")}, customer text NOT NULL, amount numeric(12,2) NOT NULL, placed timestamptz NOT NULL, note text)", conn);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public FlowDefinition Flow(int batchSize = 10_000) => new()
    {
        Name = "orders from kafka",
        Source = new MessageSourceDefinition { Messages = [] },
        Parse = new ParseDefinition { Format = ParseFormat.Json },
        Columns =
        [
            new ColumnMap { SourceField = "id", TargetColumn = "id", Type = ColumnType.Long, Required = true },
            new ColumnMap { SourceField = "customer", TargetColumn = "customer", Type = ColumnType.String, Required = true },
            new ColumnMap { SourceField = "amount", TargetColumn = "amount", Type = ColumnType.Decimal, Precision = 12, Scale = 2, Required = true },
            new ColumnMap { SourceField = "placed", TargetColumn = "placed", Type = ColumnType.DateTimeOffset, Required = true },
            new ColumnMap { SourceField = "note", TargetColumn = "note", Type = ColumnType.String },
        ],
        Destination = new DestinationDefinition
        {
            Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString, Table = table, Mode = LoadMode.Upsert, KeyColumns = ["id"],
        },
        StagingEnabled = false,
        BatchSize = batchSize,
    };

    /// <summary>A message for order <paramref name="id"/>, about 200 bytes with <paramref name="note"/> padding.</summary>
    public static string Message(long id, decimal amount, string note = "") => string.Create(CultureInfo.InvariantCulture,
        $$"""{"id":{{id}},"customer":"customer-{{id % 997}}","amount":{{amount}},"placed":"2026-11-25T08:{{id % 60:00}}:00+01:00","note":"{{note}}"}""");

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {table}", conn);
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<Dictionary<long, (string Customer, decimal Amount, DateTime Placed)>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand($"SELECT id, customer, amount, placed FROM {table}", conn);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<long, (string, decimal, DateTime)>();
        while (await reader.ReadAsync(cancellationToken)) rows[reader.GetInt64(0)] = (reader.GetString(1), reader.GetDecimal(2), reader.GetDateTime(3));
        return rows;
    }
}

using EtlStudio.Engine.Definitions;
using Npgsql;

namespace EtlStudio.Benchmarks.Csv;

/// <summary>The target table (created twice: one for the engine, one for psql) and the engine's mapping onto it:
/// every source field renamed and converted to the column's type.</summary>
internal static class BenchmarkTables
{
    private const string Columns =
        """
        order_id int NOT NULL, customer_id bigint NOT NULL, quantity int NOT NULL, unit_price numeric(12,4) NOT NULL,
        amount numeric(14,2) NOT NULL, ordered_at timestamp NOT NULL, shipped_at timestamptz, paid boolean NOT NULL,
        gift boolean, customer_name text NOT NULL, note text, country text NOT NULL
        """;

    public static IReadOnlyList<ColumnMap> Mapping { get; } =
    [
        new() { SourceField = "OrderId", TargetColumn = "order_id", Type = ColumnType.Int, Required = true },
        new() { SourceField = "CustomerId", TargetColumn = "customer_id", Type = ColumnType.Long, Required = true },
        new() { SourceField = "Quantity", TargetColumn = "quantity", Type = ColumnType.Int, Required = true },
        new() { SourceField = "UnitPrice", TargetColumn = "unit_price", Type = ColumnType.Decimal, Precision = 12, Scale = 4, Required = true },
        new() { SourceField = "Amount", TargetColumn = "amount", Type = ColumnType.Decimal, Precision = 14, Scale = 2, Required = true },
        new() { SourceField = "OrderedAt", TargetColumn = "ordered_at", Type = ColumnType.DateTime, Required = true },
        new() { SourceField = "ShippedAt", TargetColumn = "shipped_at", Type = ColumnType.DateTimeOffset },
        new() { SourceField = "Paid", TargetColumn = "paid", Type = ColumnType.Bool, Required = true },
        new() { SourceField = "Gift", TargetColumn = "gift", Type = ColumnType.Bool },
        new() { SourceField = "CustomerName", TargetColumn = "customer_name", Trim = false, Required = true },
        new() { SourceField = "Note", TargetColumn = "note", Trim = false },
        new() { SourceField = "Country", TargetColumn = "country", Required = true },
    ];

    public static Task CreateAsync(string connectionString, string table, CancellationToken cancellationToken) =>
        ExecuteAsync(connectionString, $"DROP TABLE IF EXISTS {table}; CREATE TABLE {table} ({Columns})", cancellationToken);

    public static Task DropAsync(string connectionString, string table, CancellationToken cancellationToken) =>
        ExecuteAsync(connectionString, $"DROP TABLE {table}", cancellationToken);

    public static Task TruncateAsync(string connectionString, string table, CancellationToken cancellationToken) =>
        ExecuteAsync(connectionString, $"TRUNCATE {table}", cancellationToken);

    public static async Task<long> CountAsync(string connectionString, string table, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Rows of <paramref name="a"/> not in <paramref name="b"/> and the other way round (as multisets):
    /// zero when both loads hold exactly the same cells.</summary>
    public static async Task<long> DifferenceAsync(string connectionString, string a, string b, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT (SELECT count(*) FROM (SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b}) x) + (SELECT count(*) FROM (SELECT * FROM {b} EXCEPT ALL SELECT * FROM {a}) y)",
            connection) { CommandTimeout = 3600 };
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

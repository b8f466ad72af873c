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

    /// <summary>Set to <c>on</c>, the engine loads through <see cref="ComputedMapping"/> and <see cref="Filter"/> (issue #13:
    /// three computed columns and a filter must keep ≥ 0.9× the plain mapping's throughput).</summary>
    public const string ExpressionsSwitch = "ETLSTUDIO_BENCH_EXPRESSIONS";

    public static bool ExpressionsOn => string.Equals(Environment.GetEnvironmentVariable(ExpressionsSwitch), "on", StringComparison.OrdinalIgnoreCase);

    /// <summary><see cref="Mapping"/> with three columns computed by expressions that give the same cells (so the cell
    /// check against psql still holds) through real work: a null test, a date parsed with a format, and text parsed by the column's converter.
    /// (A single-word field such as Note cannot be read here: a name resolves to the mapped column note first.)</summary>
    public static IReadOnlyList<ColumnMap> ComputedMapping { get; } =
    [
        .. Mapping.Select(m => m.TargetColumn switch
        {
            "customer_name" => new ColumnMap { TargetColumn = m.TargetColumn, Required = true, Expression = "coalesce(CustomerName, '?')" },
            "ordered_at" => m with { SourceField = null, Expression = "parse_date(OrderedAt, 'yyyy-MM-dd HH:mm:ss')" },
            "shipped_at" => m with { SourceField = null, Expression = "trim(ShippedAt)" },
            _ => m,
        }),
    ];

    /// <summary>Keeps every generated row (quantities are 1 to 499), so the counts stay comparable.</summary>
    public const string Filter = "quantity > 0 and amount >= 0";

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

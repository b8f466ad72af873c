using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>The engine encodes PostgreSQL's binary numeric itself (base-10000 digits, weight, display scale): edge values
/// through a CSV file into an unconstrained numeric column must read back as the same text, scale included.</summary>
public sealed class PostgresNumericTests(PostgresServer postgres)
{
    private static readonly string[] Values =
    [
        "0", "0.0", "-0.0001", "0.00005", "1", "-1", "10000", "9999.9999", "10000.0001", "0.1", "1.10", "100000000",
        "0.0000000000000000000000000001", "79228162514264337593543950335", "-79228162514264337593543950335",
        "7922816251426433759354395033.5", "123456789012345678.9", "-0.5", "20000000000000000000.00",
    ];

    [Fact]
    public async Task Decimal_edge_values_keep_their_digits_and_scale()
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await db.ExecuteAsync("CREATE TABLE amounts (n int4 NOT NULL, m numeric)");
        await SeededFiles.WriteTextAsync(host.PathOf("a.csv"), "n,m\n" + string.Concat(Values.Select((v, i) => $"{i},{v}\n")));
        ColumnMap[] columns =
        [
            new() { SourceField = "n", TargetColumn = "n", Type = ColumnType.Int },
            new() { SourceField = "m", TargetColumn = "m", Type = ColumnType.Decimal },
        ];

        var result = await host.RunAsync(host.Flow(columns, DatabaseProvider.PostgreSql, db.ConnectionString, "amounts"));

        Assert.True(result.Succeeded, result.Error?.ToString());
        var stored = (await db.QueryAsync("SELECT m::text FROM amounts ORDER BY n")).Select(r => (string?)r[0]);
        Assert.Equal(Values.Select(v => v == "-0.0" ? "0.0" : v), stored);
    }
}

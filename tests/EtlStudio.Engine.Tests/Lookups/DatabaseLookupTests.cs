using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Mapping.Lookups;
using EtlStudio.Engine.Tests.EndToEnd;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.Lookups;

/// <summary>Lookups read from a query against real PostgreSQL and SQLite databases.</summary>
public sealed class DatabaseLookupTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.PostgreSql, DatabaseProvider.Sqlite];

    private readonly RecordingLog _log = new();

    private static LookupDefinition Query(TargetDatabase db, string sql, string key = "code", int max = LookupDefinition.DefaultMaxEntries) => new()
    {
        Name = "rates",
        Source = new DatabaseSourceDefinition { Provider = db.Provider, ConnectionString = db.ConnectionString, Query = sql },
        KeyField = key,
        MaxEntries = max,
    };

    private async Task<TargetDatabase> RatesAsync(DatabaseProvider provider)
    {
        var db = await TargetDatabase.CreateAsync(provider, postgres);
        await db.ExecuteAsync("CREATE TABLE rates (code varchar(3), rate numeric(12,4), since date, note varchar(20), id integer)");
        await db.ExecuteAsync("""
            INSERT INTO rates VALUES ('EUR', 1.0825, '2024-02-29', 'euro', 1), ('GBP', 0.8571, '2023-12-31', NULL, 2),
              ('JPY', 161.5, '2024-01-02', '', 3), (NULL, 9.9, '2024-01-01', 'no key', 4)
            """);
        return db;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_query_lookup_keeps_values_as_invariant_text(DatabaseProvider provider)
    {
        await using var db = await RatesAsync(provider);

        var tables = await TestLookups.LoadAsync(_log, Query(db, "SELECT code, rate, since, note, id FROM rates"), "rate", "note", "id");

        Assert.Equal("1.0825", tables.Get("rates", "rate", "EUR"));
        Assert.Equal("euro", tables.Get("rates", "note", "EUR"));
        Assert.Null(tables.Get("rates", "note", "GBP"));
        Assert.Null(tables.Get("rates", "note", "JPY"));
        Assert.Equal("3", tables.Get("rates", "id", "JPY"));
        Assert.Equal("(none)", tables.Get("rates", "rate", "USD"));
        Assert.Contains("1 record with an empty key field 'code' was left out", Assert.Single(_log.Warnings), StringComparison.Ordinal);
        Assert.StartsWith($"lookup 'rates': 3 entries (3 fields) loaded from query on {provider}", Assert.Single(_log.Facts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSQL_dates_and_numbers_read_as_ISO_and_invariant_text()
    {
        await using var db = await RatesAsync(DatabaseProvider.PostgreSql);

        var tables = await TestLookups.LoadAsync(_log, Query(db, "SELECT code, since, rate * 2 AS doubled, since::timestamp + interval '90 minutes' AS at FROM rates"), "since", "doubled", "at");

        Assert.Equal("2024-02-29", tables.Get("rates", "since", "EUR"));
        Assert.Equal("2.1650", tables.Get("rates", "doubled", "EUR"));
        Assert.Equal("2024-02-29T01:30:00.0000000", tables.Get("rates", "at", "EUR"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_number_key_is_found_by_its_invariant_text(DatabaseProvider provider)
    {
        await using var db = await RatesAsync(provider);

        var tables = await TestLookups.LoadAsync(_log, Query(db, "SELECT id, code FROM rates", key: "id"), "code");

        Assert.Equal("GBP", tables.Get("rates", "code", "2"));
        Assert.Equal("(none)", tables.Get("rates", "code", "2.0"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_duplicate_key_in_the_query_fails_naming_both_records(DatabaseProvider provider)
    {
        await using var db = await RatesAsync(provider);

        var error = await Assert.ThrowsAsync<EtlDataException>(() =>
            TestLookups.LoadAsync(_log, Query(db, "SELECT code, rate FROM rates UNION ALL SELECT 'GBP', 1 ORDER BY 2"), "rate"));

        Assert.StartsWith($"lookup 'rates': key 'GBP' is in query on {provider}", error.Message, StringComparison.Ordinal);
        Assert.Matches(@", record 1 and again in query on \w+ .+, record 2: a lookup needs one entry per key$", error.Message);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_query_with_more_rows_than_the_limit_fails(DatabaseProvider provider)
    {
        await using var db = await RatesAsync(provider);

        var error = await Assert.ThrowsAsync<EtlDataException>(() => TestLookups.LoadAsync(_log, Query(db, "SELECT code, rate FROM rates", max: 2), "rate"));

        Assert.StartsWith("lookup 'rates' has more than 2 entries (its limit, set per lookup): query on ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_field_the_query_does_not_return_fails_naming_its_columns(DatabaseProvider provider)
    {
        await using var db = await RatesAsync(provider);

        var error = await Assert.ThrowsAsync<EtlDataException>(() => TestLookups.LoadAsync(_log, Query(db, "SELECT code, rate FROM rates"), "rat"));

        Assert.StartsWith($"lookup 'rates': query on {provider}", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(": field 'rat' is not in the source; its fields are 'code', 'rate'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_query_the_database_refuses_fails_naming_the_lookup(DatabaseProvider provider)
    {
        await using var db = await RatesAsync(provider);

        var error = await Assert.ThrowsAsync<EtlDataException>(() => TestLookups.LoadAsync(_log, Query(db, "SELECT code FROM no_such_table"), "code"));

        Assert.StartsWith($"lookup 'rates': query on {provider}", error.Message, StringComparison.Ordinal);
        Assert.Contains("query failed: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_lookup_query_that_writes_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await RatesAsync(provider);

        await Assert.ThrowsAnyAsync<Exception>(() => TestLookups.LoadAsync(_log, Query(db, "DELETE FROM rates RETURNING code, rate"), "rate"));

        Assert.Equal(4, (await db.QueryAsync("SELECT code FROM rates")).Count);
    }

    [Fact]
    public async Task An_unreachable_database_fails_naming_the_lookup_and_keeps_the_cause_for_a_retry()
    {
        var lookup = new LookupDefinition
        {
            Name = "rates",
            Source = new DatabaseSourceDefinition
            {
                Provider = DatabaseProvider.PostgreSql,
                ConnectionString = $"Host=127.0.0.1;Port={FreePort.Next()};Username=postgres;Password=secret;Database=x;Timeout=5",
                Query = "SELECT 1 AS code",
            },
            KeyField = "code",
        };

        var error = await Assert.ThrowsAsync<LookupLoadException>(() => TestLookups.LoadAsync(_log, lookup, "code"));

        Assert.StartsWith("lookup 'rates': reading a query on PostgreSql failed: ", error.Message, StringComparison.Ordinal);
        Assert.Equal("rates", error.Lookup);
        Assert.True(Assert.IsAssignableFrom<System.Data.Common.DbException>(error.InnerException).IsTransient);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }
}

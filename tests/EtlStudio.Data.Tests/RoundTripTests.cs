using EtlStudio.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EtlStudio.Data.Tests;

public sealed class RoundTripTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(ConfigDatabaseProvider.Sqlite)]
    [InlineData(ConfigDatabaseProvider.PostgreSql)]
    public async Task Every_entity_reads_back_in_a_new_context_with_every_property_intact(ConfigDatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        var graph = new ModelGraph();
        await graph.SaveAsync(database);

        await using var fresh = await database.Contexts.CreateDbContextAsync(ct);
        Assert.Equal(
            fresh.Model.GetEntityTypes().Select(t => t.ClrType.Name).Order(),
            graph.Entities.Select(e => e.GetType().Name).Distinct().Order());
        foreach (var expected in graph.Entities)
        {
            var type = fresh.Model.FindEntityType(expected.GetType())!;
            var key = type.FindPrimaryKey()!.Properties.Select(p => p.PropertyInfo!.GetValue(expected)).ToArray();
            var actual = await fresh.FindAsync(expected.GetType(), key, ct);
            Assert.NotNull(actual);
            foreach (var property in type.GetProperties())
            {
                var (wrote, read) = (Value(property, expected), Value(property, actual));
                Assert.True(Equals(wrote, read), $"{type.DisplayName()}.{property.Name}: wrote {wrote}, read {read}");
                if (read is DateTime time)
                {
                    Assert.Equal(DateTimeKind.Utc, time.Kind);
                }
            }
        }
    }

    [Fact]
    public async Task The_graph_gives_every_stored_property_a_non_default_value()
    {
        // Otherwise a column that is never written would still "round-trip" its default.
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(ConfigDatabaseProvider.Sqlite, postgres);
        var graph = new ModelGraph();
        await graph.SaveAsync(database);
        await using var db = await database.Contexts.CreateDbContextAsync(ct);
        foreach (var type in db.Model.GetEntityTypes())
        {
            var blank = Activator.CreateInstance(type.ClrType)!;
            var instances = graph.Entities.Where(e => e.GetType() == type.ClrType).ToList();
            foreach (var property in type.GetProperties())
            {
                Assert.True(instances.Exists(e => !Equals(Value(property, e), Value(property, blank))),
                    $"{type.DisplayName()}.{property.Name} keeps its default in every instance");
            }
        }
    }

    [Theory]
    [InlineData(ConfigDatabaseProvider.Sqlite)]
    [InlineData(ConfigDatabaseProvider.PostgreSql)]
    public async Task Enums_are_stored_as_their_names(ConfigDatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        await new ModelGraph().SaveAsync(database);
        await using var db = await database.Contexts.CreateDbContextAsync(ct);

        var stored = await db.Database.SqlQueryRaw<string>("""SELECT "Status" AS "Value" FROM "Runs" """).SingleAsync(ct);

        Assert.Equal("Failed", stored);
        var enums = db.Model.GetEntityTypes().SelectMany(t => t.GetProperties()).Where(p => p.ClrType.IsEnum).ToList();
        Assert.NotEmpty(enums);
        Assert.All(enums, p => Assert.Equal(typeof(string), p.GetTypeMapping().Converter?.ProviderClrType));
    }

    [Theory]
    [InlineData(ConfigDatabaseProvider.Sqlite)]
    [InlineData(ConfigDatabaseProvider.PostgreSql)]
    public async Task Times_without_a_kind_are_stored_as_utc(ConfigDatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        var unspecified = new DateTime(2026, 10, 25, 2, 30, 0, DateTimeKind.Unspecified);
        await database.AddAsync(new Entities.Group { Name = "g", CreatedUtc = unspecified, UpdatedUtc = unspecified });

        await using var fresh = await database.Contexts.CreateDbContextAsync(ct);
        var group = await fresh.Groups.SingleAsync(ct);

        Assert.Equal(DateTime.SpecifyKind(unspecified, DateTimeKind.Utc), group.CreatedUtc);
        Assert.Equal(DateTimeKind.Utc, group.CreatedUtc.Kind);
    }

    private static object? Value(IProperty property, object entity)
    {
        // A shadow property would be stored but invisible to the portal.
        Assert.True(property.PropertyInfo is not null, $"{property.DeclaringType.DisplayName()}.{property.Name} is a shadow property");
        return property.PropertyInfo.GetValue(entity);
    }
}

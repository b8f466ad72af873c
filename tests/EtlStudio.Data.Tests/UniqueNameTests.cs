using EtlStudio.Data.Entities;
using EtlStudio.Testing;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Data.Tests;

/// <summary>Each duplicate is saved from a second context that never saw the first row: the race two users run when
/// both pass the portal's "name taken?" check, which only the database can settle.</summary>
public sealed class UniqueNameTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(ConfigDatabaseProvider.Sqlite)]
    [InlineData(ConfigDatabaseProvider.PostgreSql)]
    public async Task A_second_group_with_the_same_name_is_a_unique_violation(ConfigDatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        await database.AddAsync(new Group { Name = "Sales" });

        var error = await SaveFailsAsync(database, new Group { Name = "Sales" });

        Assert.True(error.IsUniqueViolation());
        Assert.False(error.IsForeignKeyViolation());
    }

    [Theory]
    [InlineData(ConfigDatabaseProvider.Sqlite)]
    [InlineData(ConfigDatabaseProvider.PostgreSql)]
    public async Task Flow_names_are_unique_within_their_group_only(ConfigDatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        var (sales, finance) = (new Group { Name = "Sales" }, new Group { Name = "Finance" });
        await database.AddAsync(sales, finance);
        await database.AddAsync(new Flow { GroupId = sales.Id, Name = "Orders" });

        await database.AddAsync(new Flow { GroupId = finance.Id, Name = "Orders" });
        var error = await SaveFailsAsync(database, new Flow { GroupId = sales.Id, Name = "Orders" });

        Assert.True(error.IsUniqueViolation());
    }

    [Theory]
    [InlineData(ConfigDatabaseProvider.Sqlite)]
    [InlineData(ConfigDatabaseProvider.PostgreSql)]
    public async Task A_second_connection_with_the_same_name_is_a_unique_violation(ConfigDatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        await database.AddAsync(new Connection { Name = "Warehouse", Kind = ConnectionKind.PostgreSql });

        var error = await SaveFailsAsync(database, new Connection { Name = "Warehouse", Kind = ConnectionKind.SqlServer });

        Assert.True(error.IsUniqueViolation());
    }

    [Theory]
    [InlineData(ConfigDatabaseProvider.Sqlite)]
    [InlineData(ConfigDatabaseProvider.PostgreSql)]
    public async Task A_flow_fed_twice_by_one_topic_and_consumer_group_is_a_unique_violation(ConfigDatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        var kafka = new Connection { Name = "Events", Kind = ConnectionKind.Kafka };
        var flow = new Flow { Group = new Group { Name = "Streams" }, Name = "Orders" };
        await database.AddAsync(kafka, flow);
        await database.AddAsync(new KafkaTrigger { ConnectionId = kafka.Id, FlowId = flow.Id, Topic = "orders", ConsumerGroup = "etl" });
        await database.AddAsync(new KafkaTrigger { ConnectionId = kafka.Id, FlowId = flow.Id, Topic = "orders", ConsumerGroup = "audit" });

        var error = await SaveFailsAsync(database, new KafkaTrigger { ConnectionId = kafka.Id, FlowId = flow.Id, Topic = "orders", ConsumerGroup = "etl" });

        Assert.True(error.IsUniqueViolation());
    }

    private static Task<DbUpdateException> SaveFailsAsync(TestDatabase database, object entity) =>
        Assert.ThrowsAsync<DbUpdateException>(() => database.AddAsync(entity));
}

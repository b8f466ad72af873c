using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EtlStudio.Web.Tests;

public sealed class DemoSeederTests : PortalContext
{
    [Fact]
    public async Task Seeds_connections_group_flow_and_warehouse_table_on_an_empty_database()
    {
        await SeedAsync();

        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var group = await db.Groups.Include(g => g.Flows).ThenInclude(f => f.Columns).SingleAsync(Ct);
        Assert.Equal(("Demo", "0 2 * * *", "Europe/Amsterdam"), (group.Name, group.Cron, group.TimeZone));
        var flow = Assert.Single(group.Flows);
        Assert.Equal(("Load customers", "customers.csv", "customers", LoadMode.Upsert, "customer_id"),
            (flow.Name, flow.SourcePath, flow.DestinationTable, flow.LoadMode, flow.KeyColumns));
        Assert.Contains(flow.Columns, c => c is { SourceField: "id", TargetColumn: "customer_id", TargetType: ColumnType.Int });

        var connections = await db.Connections.OrderBy(c => c.Name).ToListAsync(Ct);
        Assert.Equal(["Demo sample files", "Demo warehouse"], connections.Select(c => c.Name));
        Assert.Equal(new LocalFolderSettings("Samples"), ConnectionSettings.FromJson(connections[0].Kind, connections[0].Settings));
        Assert.Equal(new SqliteSettings("data/demo-warehouse.db"), ConnectionSettings.FromJson(connections[1].Kind, connections[1].Settings));
        Assert.All(connections, c => Assert.Null(c.Secret));

        var warehouse = Path.Combine(Services.GetRequiredService<IHostEnvironment>().ContentRootPath, "data", "demo-warehouse.db");
        await using var sqlite = new SqliteConnection($"Data Source={warehouse};Pooling=false");
        await sqlite.OpenAsync(Ct);
        await using var command = sqlite.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info('customers') ORDER BY cid";
        var columns = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct)) columns.Add(reader.GetString(0));
        }
        Assert.Equal(flow.Columns.OrderBy(c => c.Order).Select(c => c.TargetColumn), columns);
    }

    [Fact]
    public async Task Does_nothing_when_a_group_exists()
    {
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.Groups.Add(new Group { Name = "Mine", Cron = "0 1 * * *" });
            await db.SaveChangesAsync(Ct);
        }
        await SeedAsync();

        await using var check = await Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(["Mine"], await check.Groups.Select(g => g.Name).ToListAsync(Ct));
        Assert.Equal(0, await check.Connections.CountAsync(Ct));
    }

    [Fact]
    public void Sample_csv_ships_next_to_the_app()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, DemoSeeder.SamplesFolder, "customers.csv"));
        Assert.Equal("id,full_name,email,country,signed_up,credit_limit,active,orders", lines[0]);
        Assert.Equal(21, lines.Length);
    }

    private async Task SeedAsync()
    {
        await ActivatorUtilities.CreateInstance<DemoSeeder>(Services).SeedAsync(Ct);
    }
}

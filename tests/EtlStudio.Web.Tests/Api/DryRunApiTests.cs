using System.Net;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Security;
using EtlStudio.Web.Tests.FlowPages;
using Microsoft.Data.Sqlite;

namespace EtlStudio.Web.Tests.Api;

/// <summary><c>POST /api/flows/{id}/dry-run</c> over the real engine: CSV files in a folder into a SQLite file.</summary>
public sealed class DryRunApiTests : ApiTest, IDisposable
{
    private readonly string _folder;
    private readonly ItemsWarehouse _warehouse;

    public DryRunApiTests()
    {
        _folder = Directory.CreateTempSubdirectory("etlstudio-dry-run-api.").FullName;
        _warehouse = new ItemsWarehouse(_folder);
    }

    [Fact]
    public async Task Dry_run_answers_the_counts_and_first_rejects_and_leaves_the_destination_and_the_history_unchanged()
    {
        var id = await CreateUpsertFlowAsync();

        var report = await ReadAsync(await Admin.PostAsync($"/api/flows/{id}/dry-run", null, Ct), HttpStatusCode.OK);

        Assert.True(report["succeeded"]!.GetValue<bool>(), report.ToJsonString());
        Assert.Equal((5L, 2L, 2L, 1L), (report["rowsRead"]!.GetValue<long>(), report["wouldInsert"]!.GetValue<long>(),
            report["wouldUpdate"]!.GetValue<long>(), report["rowsRejected"]!.GetValue<long>()));
        var reject = Assert.Single(report["rejects"]!.AsArray())!;
        Assert.Equal((5L, "id", "bad"), (reject["rowNumber"]!.GetValue<long>(), reject["column"]!.GetValue<string>(), reject["value"]!.GetValue<string>()));
        Assert.Null(report["error"]);
        Assert.Equal(ItemsWarehouse.OldRows, await _warehouse.RowsAsync(Ct));
        Assert.Equal(0, (await GetAsync("/api/runs"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Dry_run_of_a_flow_whose_table_is_missing_is_a_200_that_says_why()
    {
        var id = await CreateUpsertFlowAsync(table: "missing");

        var report = await ReadAsync(await Admin.PostAsync($"/api/flows/{id}/dry-run", null, Ct), HttpStatusCode.OK);

        Assert.False(report["succeeded"]!.GetValue<bool>());
        Assert.Contains("missing", report["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dry_run_of_a_flow_that_is_running_now_is_refused_so_it_never_waits_on_or_holds_up_the_run()
    {
        var id = await CreateUpsertFlowAsync();
        await using (var db = await Host.Contexts.CreateDbContextAsync(Ct))
        {
            db.Runs.Add(new FlowRun { Id = Guid.NewGuid(), FlowId = id, FlowName = "Items", Trigger = RunTrigger.Schedule, Status = RunStatus.Running, QueuedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        var report = await ReadAsync(await Admin.PostAsync($"/api/flows/{id}/dry-run", null, Ct), HttpStatusCode.OK);

        Assert.False(report["succeeded"]!.GetValue<bool>());
        Assert.Contains("is running now", report["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, report["rowsRead"]!.GetValue<long>());
    }

    [Fact]
    public async Task Dry_run_needs_the_Run_policy_and_an_existing_flow()
    {
        var id = await CreateUpsertFlowAsync();
        using var viewer = Host.Client(Roles.Viewer);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/flows/{id}/dry-run", null, Ct)).StatusCode);
        await ReadAsync(await Admin.PostAsync("/api/flows/9999/dry-run", null, Ct), HttpStatusCode.NotFound);
        Assert.Equal(ItemsWarehouse.OldRows, await _warehouse.RowsAsync(Ct));
    }

    private async Task<int> CreateUpsertFlowAsync(string table = "items")
    {
        await _warehouse.CreateAsync(Ct);
        var group = await CreateGroupAsync();
        var source = await CreateConnectionAsync("Inbox", "LocalFolder", new { path = _warehouse.Input });
        var destination = await CreateConnectionAsync("Warehouse", "Sqlite", new { dataSource = _warehouse.File });
        var flow = new
        {
            groupId = group, name = "Items", sourceConnectionId = source, sourcePath = "*.csv",
            parse = new { format = "Csv", delimiter = ",", hasHeader = true, encoding = "utf-8" },
            destinationConnectionId = destination, destinationTable = table, loadMode = "Upsert", keyColumns = new[] { "id" },
            columns = new object[]
            {
                new { sourceField = "id", targetColumn = "id", targetType = "Int", required = true },
                new { sourceField = "name", targetColumn = "name", targetType = "String" },
            },
        };
        return (await PostAsync("/api/flows", flow))["id"]!.GetValue<int>();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

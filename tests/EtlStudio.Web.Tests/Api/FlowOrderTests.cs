using System.Net;
using EtlStudio.Web.Flows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Web.Tests.Api;

/// <summary>A new flow without an order goes after its group's last one, and a group's first flow gets 1, whether it
/// comes from the API, the designer or an import (issue #12: the designer gave 1, the API 0).</summary>
public sealed class FlowOrderTests : ApiTest
{
    [Fact]
    public async Task The_API_gives_a_groups_first_flow_order_1_and_the_next_one_2()
    {
        var group = await CreateGroupAsync();
        var (source, destination) = await CreateConnectionsAsync();

        var first = await PostAsync("/api/flows", Flow(group, source, destination, "Orders"));
        var second = await PostAsync("/api/flows", Flow(group, source, destination, "Customers", table: "main.customers"));

        Assert.Equal(1, first["order"]!.GetValue<int>());
        Assert.Equal(2, second["order"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_designer_gives_a_groups_first_flow_order_1_and_follows_flows_the_API_added()
    {
        var group = await CreateGroupAsync();
        var other = await CreateGroupAsync("Hourly");
        var (source, destination) = await CreateConnectionsAsync();
        await CreateFlowAsync(other, source, destination, "Elsewhere");

        var first = await SaveInDesignerAsync(group, source, destination, "Orders");
        await CreateFlowAsync(group, source, destination, "Customers");
        var third = await SaveInDesignerAsync(group, source, destination, "Products");

        await using var db = await Host.Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.Flows.Where(f => f.Id == first).Select(f => f.Order).SingleAsync(Ct));
        Assert.Equal(2, await db.Flows.Where(f => f.Name == "Customers").Select(f => f.Order).SingleAsync(Ct));
        Assert.Equal(3, await db.Flows.Where(f => f.Id == third).Select(f => f.Order).SingleAsync(Ct));
    }

    [Fact]
    public async Task An_update_without_an_order_keeps_the_flows_place()
    {
        var group = await CreateGroupAsync();
        var (source, destination) = await CreateConnectionsAsync();
        await CreateFlowAsync(group, source, destination, "Orders");
        var id = await CreateFlowAsync(group, source, destination, "Customers");

        var updated = await PutAsync($"/api/flows/{id}", Flow(group, source, destination, "Customers v2"));

        Assert.Equal(2, updated["order"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_import_without_orders_numbers_the_flows_from_1_in_file_order()
    {
        var group = await CreateGroupAsync();
        var (source, destination) = await CreateConnectionsAsync();
        await CreateFlowAsync(group, source, destination, "Orders");
        await CreateFlowAsync(group, source, destination, "Customers");
        var exported = await GetAsync($"/api/groups/{group}/export");
        exported["group"]!["name"] = "Copy";
        foreach (var flow in exported["flows"]!.AsArray()) flow!["definition"]!.AsObject().Remove("order");

        var imported = await PostAsync("/api/groups/import", exported, HttpStatusCode.Created);

        var flows = (await GetAsync($"/api/flows?groupId={imported["id"]}")).AsArray();
        Assert.Equal(["Orders", "Customers"], flows.Select(f => f!["name"]!.GetValue<string>()));
        Assert.Equal([1, 2], flows.Select(f => f!["order"]!.GetValue<int>()));
    }

    private async Task<int> SaveInDesignerAsync(int group, int source, int destination, string name)
    {
        using var scope = Host.Services.CreateScope();
        var model = (await scope.ServiceProvider.GetRequiredService<DesignerModelFactory>().CreateAsync(null, Ct))!;
        var form = model.Draft.Form;
        (form.GroupId, form.Name, form.SourceConnectionId, form.SourcePath) = (group, name, source, "in/*.csv");
        (form.DestinationConnectionId, form.DestinationTable) = (destination, "main.orders");
        form.Columns = [new ColumnMappingForm { SourceField = "id", TargetColumn = "order_id" }];
        var (id, problem) = await model.SaveAsync(despiteDestination: true, Ct);
        Assert.Null(problem);
        return id;
    }
}

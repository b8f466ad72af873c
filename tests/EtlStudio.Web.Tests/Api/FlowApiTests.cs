using System.Net;
using System.Text.Json.Nodes;
using EtlStudio.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Tests.Api;

public sealed class FlowApiTests : ApiTest
{
    [Fact]
    public async Task Flow_round_trips_with_its_mappings_in_order()
    {
        var group = await CreateGroupAsync();
        var (source, destination) = await CreateConnectionsAsync();

        var created = await PostAsync("/api/flows", Flow(group, source, destination));
        var id = created["id"]!.GetValue<int>();
        var read = await GetAsync($"/api/flows/{id}");

        Assert.Equal(["order_id", "amount", "loaded_at"], Targets(read));
        Assert.Equal("Upsert", read["loadMode"]!.GetValue<string>());
        Assert.Equal(";", read["parse"]!["delimiter"]!.GetValue<string>());
        Assert.Equal("LoadTime", read["columns"]![2]!["derived"]!.GetValue<string>());
        Assert.Equal(18, read["columns"]![1]!["precision"]!.GetValue<int>());
        Assert.Equal("order_id", read["keyColumns"]![0]!.GetValue<string>());

        var list = await GetAsync($"/api/flows?groupId={group}");
        Assert.Equal(id, Assert.Single(list.AsArray())!["id"]!.GetValue<int>());
        Assert.Equal(1, (await GetAsync($"/api/groups/{group}"))["flowCount"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/flows/{id}", Ct)).StatusCode);
        await GetAsync($"/api/flows/{id}", HttpStatusCode.NotFound);
        await using var db = await Host.Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.ColumnMappings.CountAsync(Ct));
    }

    [Fact]
    public async Task Update_replaces_the_mappings_in_the_order_given()
    {
        var group = await CreateGroupAsync();
        var (source, destination) = await CreateConnectionsAsync();
        var id = await CreateFlowAsync(group, source, destination);
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Flow(group, source, destination)))!;
        body["name"] = "Orders v2";
        body["loadMode"] = "Append";
        body["keyColumns"] = new JsonArray();
        body["columns"] = new JsonArray(
            new JsonObject { ["sourceField"] = "amount", ["targetColumn"] = "amount", ["targetType"] = "Double" },
            new JsonObject { ["sourceField"] = "id", ["targetColumn"] = "order_id", ["targetType"] = "Long" });

        var updated = await PutAsync($"/api/flows/{id}", body);

        Assert.Equal("Orders v2", updated["name"]!.GetValue<string>());
        Assert.Equal(["amount", "order_id"], Targets(await GetAsync($"/api/flows/{id}")));
        await using var db = await Host.Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(2, await db.ColumnMappings.CountAsync(Ct));
    }

    [Fact]
    public async Task Invalid_flow_lists_every_field_problem_including_each_mapping()
    {
        var (source, _) = await CreateConnectionsAsync();

        var problem = await PostAsync("/api/flows", new
        {
            groupId = 42, name = "", sourceConnectionId = source, destinationConnectionId = 999, destinationTable = "orders; DROP TABLE users",
            loadMode = "Upsert", rejectThresholdPercent = 150.0, parse = new { format = "Csv", delimiter = "", encoding = "klingon" },
            columns = new object[]
            {
                new { sourceField = "id", targetColumn = "order id" },
                new { targetColumn = "amount", targetType = "Decimal", precision = 50 },
                new { sourceField = "x", targetColumn = "[amount]" },
            },
        }, HttpStatusCode.BadRequest);

        Assert.Equal(
            ["columns[0].targetColumn", "columns[1].precision", "columns[1].sourceField", "columns[2].targetColumn", "destinationConnectionId",
             "destinationTable", "groupId", "keyColumns", "name", "parse.delimiter", "parse.encoding", "rejectThresholdPercent"],
            ErrorKeys(problem));
        Assert.Contains("No group with id 42", Error(problem, "groupId"));
        Assert.Contains("not a plain table name", Error(problem, "destinationTable"));
    }

    [Fact]
    public async Task Load_parallelism_round_trips_defaults_to_2_and_out_of_range_is_refused_naming_the_field()
    {
        var group = await CreateGroupAsync();
        var (source, destination) = await CreateConnectionsAsync();
        var defaulted = await PostAsync("/api/flows", Flow(group, source, destination, "Defaulted"));
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Flow(group, source, destination)))!;
        body["loadParallelism"] = 4;

        var id = (await PostAsync("/api/flows", body))["id"]!.GetValue<int>();
        var read = await GetAsync($"/api/flows/{id}");
        body["loadParallelism"] = 0;
        var zero = await PutAsync($"/api/flows/{id}", body, HttpStatusCode.BadRequest);
        body["loadParallelism"] = 9;
        body["name"] = "Nine";
        var nine = await PostAsync("/api/flows", body, HttpStatusCode.BadRequest);

        Assert.Equal(2, defaulted["loadParallelism"]!.GetValue<int>());
        Assert.Equal(4, read["loadParallelism"]!.GetValue<int>());
        Assert.Equal(["loadParallelism"], ErrorKeys(zero));
        Assert.Equal(["loadParallelism"], ErrorKeys(nine));
        Assert.Equal("Between 1 and 8 load lanes; 9 is out of range.", Error(nine, "loadParallelism"));
        Assert.Equal(4, (await GetAsync($"/api/flows/{id}"))["loadParallelism"]!.GetValue<int>());
    }

    [Fact]
    public async Task CSV_quote_options_round_trip_and_default_to_off()
    {
        var group = await CreateGroupAsync();
        var (source, destination) = await CreateConnectionsAsync();
        var defaulted = await PostAsync("/api/flows", Flow(group, source, destination, "Defaulted"));
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Flow(group, source, destination)))!;
        body["parse"]!["emptyQuotedAsEmptyString"] = true;
        body["parse"]!["lenientQuotes"] = true;

        var id = (await PostAsync("/api/flows", body))["id"]!.GetValue<int>();
        var read = await GetAsync($"/api/flows/{id}");

        Assert.False(defaulted["parse"]!["emptyQuotedAsEmptyString"]!.GetValue<bool>());
        Assert.False(defaulted["parse"]!["lenientQuotes"]!.GetValue<bool>());
        Assert.True(read["parse"]!["emptyQuotedAsEmptyString"]!.GetValue<bool>());
        Assert.True(read["parse"]!["lenientQuotes"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("dbo.orders\"; --")]
    [InlineData("a.b.c")]
    [InlineData("[orders]")]
    [InlineData("orders\nDROP TABLE x")]
    [InlineData("ordérs")]
    public async Task Hostile_table_names_are_refused(string table)
    {
        var group = await CreateGroupAsync();
        var (source, destination) = await CreateConnectionsAsync();

        var problem = await PostAsync("/api/flows", Flow(group, source, destination, table: table), HttpStatusCode.BadRequest);

        Assert.Equal(["destinationTable"], ErrorKeys(problem));
    }

    [Fact]
    public async Task Folder_source_cannot_climb_out_of_its_folder()
    {
        var group = await CreateGroupAsync();
        var (source, destination) = await CreateConnectionsAsync();
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Flow(group, source, destination)))!;
        body["sourcePath"] = "../../etc/*";

        Assert.Equal(["sourcePath"], ErrorKeys(await PostAsync("/api/flows", body, HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task Deleting_files_after_the_load_is_refused_for_a_local_folder_source()
    {
        var group = await CreateGroupAsync();
        var (source, destination) = await CreateConnectionsAsync();
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Flow(group, source, destination)))!;
        body["afterLoad"] = "Delete";

        var problem = await PostAsync("/api/flows", body, HttpStatusCode.BadRequest);

        Assert.Equal(["afterLoad"], ErrorKeys(problem));
        Assert.StartsWith("Deleting or moving the files after the load is for SFTP sources; this flow reads from a LocalFolder connection.", Error(problem, "afterLoad"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_cannot_be_a_destination_and_a_database_source_needs_a_query()
    {
        var group = await CreateGroupAsync();
        var (folder, database) = await CreateConnectionsAsync();

        var problem = await PostAsync("/api/flows", Flow(group, database, folder), HttpStatusCode.BadRequest);

        Assert.Equal(["destinationConnectionId", "sourceQuery"], ErrorKeys(problem));
    }

    [Fact]
    public async Task Duplicate_flow_name_in_a_group_is_a_conflict_but_another_group_may_use_it()
    {
        var nightly = await CreateGroupAsync("Nightly");
        var hourly = await CreateGroupAsync("Hourly");
        var (source, destination) = await CreateConnectionsAsync();
        await CreateFlowAsync(nightly, source, destination, "Orders");

        var problem = await PostAsync("/api/flows", Flow(nightly, source, destination, "orders"), HttpStatusCode.Conflict);
        await CreateFlowAsync(hourly, source, destination, "Orders");

        Assert.Equal("A flow named 'Orders' already exists in group 'Nightly'.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_flow_id_is_404()
    {
        var group = await CreateGroupAsync();
        var (source, destination) = await CreateConnectionsAsync();

        await GetAsync("/api/flows/77", HttpStatusCode.NotFound);
        await PutAsync("/api/flows/77", Flow(group, source, destination), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.DeleteAsync("/api/flows/77", Ct)).StatusCode);
        await ReadAsync(await Admin.PostAsync("/api/flows/77/reset-cursor", null, Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Operator_can_run_but_not_edit_flows()
    {
        var group = await CreateGroupAsync();
        var (source, destination) = await CreateConnectionsAsync();
        var id = await CreateFlowAsync(group, source, destination);
        using var op = Host.Client(Roles.Operator, "olga");

        Assert.Equal(HttpStatusCode.Forbidden, (await op.DeleteAsync($"/api/flows/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await op.PostAsync($"/api/flows/{id}/run", null, Ct)).StatusCode);
    }

    private static string[] Targets(JsonNode flow) => [.. flow["columns"]!.AsArray().Select(c => c!["targetColumn"]!.GetValue<string>())];
}

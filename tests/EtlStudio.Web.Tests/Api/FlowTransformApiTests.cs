using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Tests.Api;

/// <summary>Issue #13 on <c>/api/flows</c>: the row filter, lookups, unmapped-field policy, create-if-missing and text
/// length are saved, read back, exported and imported; lookups are refused by the shared rules; runs show rows filtered.</summary>
public sealed class FlowTransformApiTests : ApiTest
{
    private async Task<(int Group, int Source, int Destination, int Countries)> ArrangeAsync()
    {
        var group = await CreateGroupAsync();
        var (source, destination) = await CreateConnectionsAsync();
        var countries = await CreateConnectionAsync("Reference", "PostgreSql", new { host = "ref", database = "ref", username = "etl" }, secret: "ref-Pa55");
        return (group, source, destination, countries);
    }

    private static JsonNode Body(int group, int source, int destination, Action<JsonObject> edit)
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Flow(group, source, destination)))!.AsObject();
        edit(body);
        return body;
    }

    private static JsonObject Lookup(string name, int connection, string? query = "SELECT code, name FROM countries", string keyField = "code", int? maxEntries = null)
    {
        var lookup = new JsonObject { ["name"] = name, ["connectionId"] = connection, ["query"] = query, ["keyField"] = keyField };
        if (maxEntries is { } max) lookup["maxEntries"] = max;
        return lookup;
    }

    [Fact]
    public async Task Lookups_unmapped_policy_create_if_missing_and_text_length_round_trip_and_omitted_ones_take_their_defaults()
    {
        var (group, source, destination, reference) = await ArrangeAsync();
        var body = Body(group, source, destination, b =>
        {
            b["unmappedFields"] = "AddColumns";
            b["createIfMissing"] = true;
            b["lookups"] = new JsonArray(Lookup("countries", reference, maxEntries: 5000),
                new JsonObject { ["name"] = "regions", ["connectionId"] = source, ["path"] = "ref/regions.csv", ["keyField"] = "id", ["parse"] = new JsonObject { ["format"] = "Csv", ["delimiter"] = "|" } });
            b["columns"]!.AsArray().Add(new JsonObject { ["sourceField"] = "customer", ["targetColumn"] = "customer", ["length"] = 80 });
        });

        var id = (await PostAsync("/api/flows", body))["id"]!.GetValue<int>();
        var read = await GetAsync($"/api/flows/{id}");
        var plain = await GetAsync($"/api/flows/{await CreateFlowAsync(group, source, destination, "Plain")}");

        Assert.Equal(("AddColumns", true), (read["unmappedFields"]!.GetValue<string>(), read["createIfMissing"]!.GetValue<bool>()));
        Assert.Equal(80, read["columns"]![3]!["length"]!.GetValue<int>());
        var lookups = read["lookups"]!.AsArray();
        Assert.Equal(["countries", "regions"], lookups.Select(l => l!["name"]!.GetValue<string>()));
        Assert.Equal((reference, "SELECT code, name FROM countries", "code", 5000),
            (lookups[0]!["connectionId"]!.GetValue<int>(), lookups[0]!["query"]!.GetValue<string>(), lookups[0]!["keyField"]!.GetValue<string>(), lookups[0]!["maxEntries"]!.GetValue<int>()));
        Assert.Equal(("ref/regions.csv", "|", 1_000_000), (lookups[1]!["path"]!.GetValue<string>(), lookups[1]!["parse"]!["delimiter"]!.GetValue<string>(), lookups[1]!["maxEntries"]!.GetValue<int>()));
        Assert.Equal(("Ignore", false, 0), (plain["unmappedFields"]!.GetValue<string>(), plain["createIfMissing"]!.GetValue<bool>(), plain["lookups"]!.AsArray().Count));
        Assert.Null(plain["filter"]);
        Assert.Null(plain["columns"]![0]!["length"]);
        await using var db = await Host.Contexts.CreateDbContextAsync(Ct);
        var stored = await db.Flows.AsNoTracking().SingleAsync(f => f.Id == id, Ct);
        Assert.Equal((Engine.Definitions.UnmappedFieldPolicy.AddColumns, true), (stored.UnmappedFields, stored.CreateIfMissing));
        Assert.DoesNotContain("ref-Pa55", stored.Lookups, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookups_are_refused_for_a_repeated_name_an_unknown_or_unsuitable_connection_a_missing_key_or_query_and_an_entry_limit_out_of_range()
    {
        var (group, source, destination, reference) = await ArrangeAsync();
        var api = await CreateConnectionAsync("Api", "Http", new { baseUrl = "https://api.example.com" });
        var body = Body(group, source, destination, b => b["lookups"] = new JsonArray(
            Lookup("countries", reference),
            Lookup("Countries", reference),
            Lookup("rates", 999),
            Lookup("prices", api),
            Lookup("codes", reference, query: null, keyField: ""),
            Lookup("big", reference, maxEntries: 10_000_001),
            Lookup("none", reference, maxEntries: 0),
            new JsonObject { ["name"] = "files", ["connectionId"] = source, ["keyField"] = "id" }));

        var problem = await PostAsync("/api/flows", body, HttpStatusCode.BadRequest);

        Assert.Equal(
            ["lookups[1].name", "lookups[2].connectionId", "lookups[3].connectionId", "lookups[4].keyField", "lookups[4].query", "lookups[5].maxEntries",
             "lookups[6].maxEntries", "lookups[7].path"],
            ErrorKeys(problem));
        Assert.Equal("Lookup 'Countries' is defined twice.", Error(problem, "lookups[1].name"));
        Assert.Equal("No connection with id 999.", Error(problem, "lookups[2].connectionId"));
        Assert.Equal("A lookup reads a database or a file; a Http connection cannot be a lookup's source.", Error(problem, "lookups[3].connectionId"));
        Assert.Equal("Between 1 and 10,000,000 entries; 10,000,001 is out of range.", Error(problem, "lookups[5].maxEntries"));
        Assert.Equal("Between 1 and 10,000,000 entries; 0 is out of range.", Error(problem, "lookups[6].maxEntries"));
        await using var db = await Host.Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Flows.CountAsync(Ct));
    }

    [Fact]
    public async Task A_text_length_outside_the_range_and_an_unknown_unmapped_policy_are_refused()
    {
        var (group, source, destination, _) = await ArrangeAsync();
        var body = Body(group, source, destination, b => b["columns"]!.AsArray().Add(new JsonObject { ["sourceField"] = "c", ["targetColumn"] = "c", ["length"] = 0 }));

        var problem = await PostAsync("/api/flows", body, HttpStatusCode.BadRequest);
        var unknown = await PostAsync("/api/flows", Body(group, source, destination, b => b["unmappedFields"] = "Shrug"), HttpStatusCode.BadRequest);

        Assert.Equal("Between 1 and 10,485,760 characters, or leave empty for unbounded text.", Error(problem, "columns[3].length"));
        Assert.Contains("unmappedFields", unknown.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_names_a_lookups_connection_and_import_resolves_it_on_the_other_installation()
    {
        var (group, source, destination, reference) = await ArrangeAsync();
        await PostAsync("/api/flows", Body(group, source, destination, b =>
        {
            b["lookups"] = new JsonArray(Lookup("countries", reference));
            b["unmappedFields"] = "Fail";
            b["createIfMissing"] = true;
        }));
        var exported = await GetAsync($"/api/groups/{group}/export");
        await using var fresh = new ApiHost();
        using var admin = fresh.Client();
        foreach (var (name, kind, settings) in new (string, string, object)[]
        {
            ("Inbox", "LocalFolder", new { path = "elsewhere" }),
            ("Warehouse", "Sqlite", new { dataSource = "other.db" }),
            ("Unrelated", "LocalFolder", new { path = "x" }),
            ("Reference", "PostgreSql", new { host = "ref-b", database = "ref", username = "etl" }),
        })
        {
            await ReadAsync(await admin.PostAsJsonAsync("/api/connections", new { name, kind, settings }, Ct), HttpStatusCode.Created);
        }

        var imported = await ReadAsync(await admin.PostAsJsonAsync("/api/groups/import", exported, Ct), HttpStatusCode.Created);
        var reexported = await ReadAsync(await admin.GetAsync($"/api/groups/{imported["id"]}/export", Ct), HttpStatusCode.OK);
        var flow = (await ReadAsync(await admin.GetAsync($"/api/flows?groupId={imported["id"]}", Ct), HttpStatusCode.OK)).AsArray().Single()!;

        var lookup = exported["flows"]![0]!["definition"]!["lookups"]![0]!;
        Assert.Equal("Reference", lookup["connection"]!.GetValue<string>());
        Assert.Null(lookup["connectionId"]);
        Assert.Equal(exported.ToJsonString(), reexported.ToJsonString());
        Assert.Equal(4, flow["lookups"]![0]!["connectionId"]!.GetValue<int>());
        Assert.Equal(("Fail", true), (flow["unmappedFields"]!.GetValue<string>(), flow["createIfMissing"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Import_refuses_a_lookup_whose_connection_name_does_not_exist_under_that_lookup()
    {
        var (group, source, destination, reference) = await ArrangeAsync();
        await PostAsync("/api/flows", Body(group, source, destination, b => b["lookups"] = new JsonArray(Lookup("countries", reference))));
        var exported = await GetAsync($"/api/groups/{group}/export");
        exported["group"]!["name"] = "Copy";
        exported["flows"]![0]!["definition"]!["lookups"]![0]!["connection"] = "Gone";

        var problem = await ReadAsync(await Admin.PostAsJsonAsync("/api/groups/import", exported, Ct), HttpStatusCode.BadRequest);

        Assert.Equal(["flows[0].definition.lookups[0].connection"], ErrorKeys(problem));
        Assert.StartsWith("No connection named 'Gone'.", Error(problem, "flows[0].definition.lookups[0].connection"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_a_lookup_reads_cannot_be_deleted_and_the_refusal_names_the_flow()
    {
        var (group, source, destination, reference) = await ArrangeAsync();
        var other = await CreateConnectionAsync("Reference 12", "PostgreSql", new { host = "ref", database = "ref", username = "etl" });
        await PostAsync("/api/flows", Body(group, source, destination, b => b["lookups"] = new JsonArray(Lookup("countries", reference))));

        var problem = await ReadAsync(await Admin.DeleteAsync($"/api/connections/{reference}", Ct), HttpStatusCode.Conflict);

        Assert.Equal("Connection 'Reference' is used by lookups of flow 'Orders'.", problem["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/connections/{other}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Create_table_shows_the_plan_first_then_applies_it_and_a_second_plan_has_nothing_to_do()
    {
        var folder = Directory.CreateTempSubdirectory("etlstudio-schema-plan.");
        try
        {
            var group = await CreateGroupAsync();
            var (source, _) = await CreateConnectionsAsync();
            var warehouse = await CreateConnectionAsync("Fresh warehouse", "Sqlite", new { dataSource = Path.Combine(folder.FullName, "dw.db") });
            var flow = (await PostAsync("/api/flows", Body(group, source, warehouse, b =>
            {
                b["destinationTable"] = "orders";
                b["columns"]!.AsArray().Add(new JsonObject { ["sourceField"] = "customer", ["targetColumn"] = "customer", ["length"] = 80 });
            })))["id"]!.GetValue<int>();

            var plan = await GetAsync($"/api/flows/{flow}/schema-plan");
            Assert.False(File.Exists(Path.Combine(folder.FullName, "dw.db")) && await TableExistsAsync(folder, "orders"));
            var applied = await PostAsync($"/api/flows/{flow}/schema-plan/apply", new { }, HttpStatusCode.OK);
            var again = await GetAsync($"/api/flows/{flow}/schema-plan");

            Assert.Equal(("orders", false, false), (plan["table"]!.GetValue<string>(), plan["tableExists"]!.GetValue<bool>(), plan["applied"]!.GetValue<bool>()));
            var create = Assert.Single(plan["statements"]!.AsArray())!.GetValue<string>();
            Assert.StartsWith("CREATE TABLE", create, StringComparison.Ordinal);
            Assert.Contains("order_id", create, StringComparison.Ordinal);
            Assert.Empty(plan["problems"]!.AsArray());
            Assert.True(applied["applied"]!.GetValue<bool>());
            Assert.True(await TableExistsAsync(folder, "orders"));
            Assert.Equal((true, 0), (again["tableExists"]!.GetValue<bool>(), again["statements"]!.AsArray().Count));
            await GetAsync("/api/flows/4242/schema-plan", HttpStatusCode.NotFound);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<bool> TableExistsAsync(DirectoryInfo folder, string table)
    {
        await using var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder.FullName, "dw.db")};Pooling=false;Mode=ReadOnly");
        await sqlite.OpenAsync(Ct);
        await using var command = sqlite.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return (long)(await command.ExecuteScalarAsync(Ct))! == 1;
    }

    [Fact]
    public async Task Runs_show_rows_filtered_in_the_list_and_the_detail()
    {
        var (group, source, destination, _) = await ArrangeAsync();
        var flow = await CreateFlowAsync(group, source, destination);
        var id = Guid.NewGuid();
        await using (var db = await Host.Contexts.CreateDbContextAsync(Ct))
        {
            db.Runs.Add(new FlowRun
            {
                Id = id, FlowId = flow, FlowName = "Orders", GroupId = group, QueuedUtc = DateTime.UtcNow, Status = RunStatus.Succeeded,
                RowsRead = 100, RowsWritten = 70, RowsRejected = 5, RowsFiltered = 25,
            });
            await db.SaveChangesAsync(Ct);
        }

        var detail = await GetAsync($"/api/runs/{id}");
        var summary = (await GetAsync($"/api/runs?flowId={flow}"))["items"]!.AsArray().Single()!;

        Assert.Equal(25, detail["rowsFiltered"]!.GetValue<long>());
        Assert.Equal(25, summary["rowsFiltered"]!.GetValue<long>());
        Assert.Equal(detail["rowsRead"]!.GetValue<long>(),
            detail["rowsWritten"]!.GetValue<long>() + detail["rowsRejected"]!.GetValue<long>() + detail["rowsFiltered"]!.GetValue<long>() + detail["rowsSkipped"]!.GetValue<long>());
    }
}

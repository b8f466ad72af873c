using System.Net;
using System.Net.Http.Json;
using EtlStudio.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Tests.Api;

public sealed class ConnectionApiTests : ApiTest
{
    private const string Secret = "s3cr3t-Pa55word!";

    [Fact]
    public async Task Connection_round_trips_and_its_secret_is_stored_protected_and_never_returned()
    {
        var response = await Admin.PostAsJsonAsync("/api/connections",
            new { name = "Warehouse", kind = "PostgreSql", settings = new { host = "db", database = "dw", username = "etl", port = 5433 }, secret = Secret }, Ct);
        var created = await ReadAsync(response, HttpStatusCode.Created);
        var id = created["id"]!.GetValue<int>();

        Assert.True(created["secretSet"]!.GetValue<bool>());
        Assert.Equal("etl@db:5433/dw", created["summary"]!.GetValue<string>());
        Assert.Equal("dw", created["settings"]!["database"]!.GetValue<string>());
        await using (var db = await Host.Contexts.CreateDbContextAsync(Ct))
        {
            var stored = await db.Connections.SingleAsync(Ct);
            Assert.Equal(new FakeSecretProtector().Protect(Secret), stored.Secret);
        }

        var texts = new[]
        {
            await (await Admin.GetAsync($"/api/connections/{id}", Ct)).Content.ReadAsStringAsync(Ct),
            await (await Admin.GetAsync("/api/connections", Ct)).Content.ReadAsStringAsync(Ct),
            await (await Admin.PutAsJsonAsync($"/api/connections/{id}", new { name = "Warehouse", kind = "PostgreSql", settings = new { host = "db2", database = "dw", username = "etl" } }, Ct)).Content.ReadAsStringAsync(Ct),
        };
        foreach (var text in texts)
        {
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(FakeSecretProtector.Prefix, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Omitted_secret_is_kept_and_an_empty_one_clears_it()
    {
        var id = await CreateConnectionAsync("Api", "Http", new { baseUrl = "https://api.example.com/", authKind = "Bearer" }, Secret);

        var kept = await PutAsync($"/api/connections/{id}", new { name = "Api", kind = "Http", settings = new { baseUrl = "https://api2.example.com/", authKind = "Bearer" } });
        Assert.True(kept["secretSet"]!.GetValue<bool>());
        Assert.Equal("https://api2.example.com/", kept["settings"]!["baseUrl"]!.GetValue<string>());

        var replaced = await PutAsync($"/api/connections/{id}", new { name = "Api", kind = "Http", settings = new { baseUrl = "https://api2.example.com/" }, secret = "other" });
        Assert.True(replaced["secretSet"]!.GetValue<bool>());
        await using (var db = await Host.Contexts.CreateDbContextAsync(Ct))
        {
            Assert.Equal(new FakeSecretProtector().Protect("other"), (await db.Connections.SingleAsync(Ct)).Secret);
        }

        var cleared = await PutAsync($"/api/connections/{id}", new { name = "Api", kind = "Http", settings = new { baseUrl = "https://api2.example.com/" }, secret = "" });
        Assert.False(cleared["secretSet"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Invalid_connection_lists_every_settings_problem()
    {
        var problem = await PostAsync("/api/connections",
            new { name = "", kind = "PostgreSql", settings = new { host = "", port = 70000, sslMode = "Sometimes" } }, HttpStatusCode.BadRequest);

        Assert.Equal(["name", "settings.database", "settings.host", "settings.port", "settings.sslMode", "settings.username"], ErrorKeys(problem));
    }

    [Fact]
    public async Task Settings_of_the_wrong_shape_and_a_missing_kind_are_refused_with_a_reason()
    {
        var wrongShape = await PostAsync("/api/connections", new { name = "Pg", kind = "PostgreSql", settings = new { port = "five" } }, HttpStatusCode.BadRequest);
        var noKind = await PostAsync("/api/connections", new { name = "Pg", settings = new { } }, HttpStatusCode.BadRequest);

        Assert.Contains("PostgreSql", Error(wrongShape, "settings"));
        Assert.Equal(["kind"], ErrorKeys(noKind));
    }

    [Fact]
    public async Task Duplicate_connection_name_is_a_conflict_that_names_it()
    {
        await CreateConnectionsAsync();

        var problem = await PostAsync("/api/connections", new { name = "inbox", kind = "LocalFolder", settings = new { path = "x" } }, HttpStatusCode.Conflict);

        Assert.Equal("A connection named 'Inbox' already exists.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Connection_in_use_cannot_be_deleted_and_the_conflict_names_the_flow()
    {
        var group = await CreateGroupAsync();
        var (source, destination) = await CreateConnectionsAsync();
        await CreateFlowAsync(group, source, destination, "Orders");

        var response = await Admin.DeleteAsync($"/api/connections/{source}", Ct);
        var problem = await ReadAsync(response, HttpStatusCode.Conflict);

        Assert.Equal("Connection 'Inbox' is used by flow 'Orders'.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Connection_used_by_flows_and_a_kafka_trigger_cannot_be_deleted_and_the_conflict_names_them_all()
    {
        var group = await CreateGroupAsync();
        var broker = await CreateConnectionAsync("Broker", "Kafka", new { bootstrapServers = "kafka:9092" });
        var (_, destination) = await CreateConnectionsAsync();
        var events = await CreateFlowAsync(group, broker, destination, "Events", topic: "events");
        await CreateFlowAsync(group, broker, destination, "Audit", topic: "audit");
        await PostAsync("/api/triggers", new { connectionId = broker, topic = "events", consumerGroup = "etl-events", flowId = events, batchSize = 200 });

        var problem = await ReadAsync(await Admin.DeleteAsync($"/api/connections/{broker}", Ct), HttpStatusCode.Conflict);

        Assert.Equal("Connection 'Broker' is used by flows 'Audit', 'Events' and Kafka trigger on 'events'.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Connection_deletes_and_unknown_ids_are_404()
    {
        var id = await CreateConnectionAsync("Inbox", "LocalFolder", new { path = "in" });

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/connections/{id}", Ct)).StatusCode);
        await GetAsync($"/api/connections/{id}", HttpStatusCode.NotFound);
        await PutAsync($"/api/connections/{id}", new { name = "x", kind = "LocalFolder", settings = new { path = "in" } }, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_admins_write_connections()
    {
        using var editor = Host.Client(Roles.Editor);

        var response = await editor.PostAsJsonAsync("/api/connections", new { name = "Inbox", kind = "LocalFolder", settings = new { path = "in" } }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/api/connections", Ct)).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Operator)]
    public async Task Viewers_and_operators_cannot_list_connections(string role)
    {
        using var client = Host.Client(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/connections", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_sql_login_needs_its_password_on_create_but_keeps_the_stored_one_on_update()
    {
        var settings = new { server = "sql,1433", database = "dw", username = "etl" };

        var problem = await PostAsync("/api/connections", new { name = "Sql", kind = "SqlServer", settings }, HttpStatusCode.BadRequest);
        var id = await CreateConnectionAsync("Sql", "SqlServer", settings, Secret);
        var kept = await PutAsync($"/api/connections/{id}", new { name = "Sql", kind = "SqlServer", settings });
        var cleared = await PutAsync($"/api/connections/{id}", new { name = "Sql", kind = "SqlServer", settings, secret = "" }, HttpStatusCode.BadRequest);

        Assert.Equal(["secret"], ErrorKeys(problem));
        Assert.True(kept["secretSet"]!.GetValue<bool>());
        Assert.Equal(["secret"], ErrorKeys(cleared));
    }
}

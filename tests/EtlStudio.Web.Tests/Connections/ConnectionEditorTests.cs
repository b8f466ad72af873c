using EtlStudio.Data.Entities;
using EtlStudio.Testing;
using EtlStudio.Web.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EtlStudio.Web.Tests.Connections;

public sealed class ConnectionEditorTests(PostgresServer postgres) : PortalContext
{
    private const string Secret = "Tr0ub4dor&3-very-secret";

    [Fact]
    public async Task Saved_secret_is_stored_protected_and_never_rendered_back()
    {
        Render<MudPopoverProvider>();
        var cut = Render<ConnectionEditor>();
        FillPostgres(cut, "Warehouse", "db.example.com", "dw", "etl");
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Set").Click();
        cut.Find("#connection-secret").Input(Secret);
        Click(cut, "Save");

        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var saved = await db.Connections.SingleAsync(Ct);
        Assert.Equal(new TestSecretProtector().Protect(Secret), saved.Secret);
        Assert.Equal("""{"host":"db.example.com","database":"dw","username":"etl","port":5432,"sslMode":"Prefer"}""", saved.Settings);

        var edit = Render<ConnectionEditor>(p => p.Add(e => e.Id, saved.Id));
        edit.WaitForAssertion(() => Assert.Equal("set", edit.Find("[data-testid='secret-state']").TextContent.Trim()));
        Assert.DoesNotContain(Secret, edit.Markup);
        Assert.DoesNotContain(saved.Secret!, edit.Markup);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Secret)), edit.Markup);
        Assert.Empty(edit.FindAll("#connection-secret"));
    }

    [Fact]
    public async Task Clearing_the_secret_stores_none_and_keeping_it_leaves_it_alone()
    {
        var id = await AddPostgresAsync("Kept", "old-secret");
        var cut = Render<ConnectionEditor>(p => p.Add(e => e.Id, id));
        cut.WaitForAssertion(() => Assert.Equal("set", cut.Find("[data-testid='secret-state']").TextContent.Trim()));
        cut.Find("#connection-host").Input("db2.example.com");
        Click(cut, "Save");
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            Assert.Equal(new TestSecretProtector().Protect("old-secret"), (await db.Connections.SingleAsync(Ct)).Secret);
        }

        var again = Render<ConnectionEditor>(p => p.Add(e => e.Id, id));
        again.WaitForAssertion(() => Assert.Equal("set", again.Find("[data-testid='secret-state']").TextContent.Trim()));
        Click(again, "Clear");
        Assert.Equal("will be cleared", again.Find("[data-testid='secret-state']").TextContent.Trim());
        Click(again, "Save");
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            var saved = await db.Connections.SingleAsync(Ct);
            Assert.Null(saved.Secret);
            Assert.Contains("db2.example.com", saved.Settings);
        }
    }

    [Fact]
    public async Task A_taken_name_is_shown_under_the_name_and_the_input_stays()
    {
        await AddPostgresAsync("Warehouse", null);
        Render<MudPopoverProvider>();
        var cut = Render<ConnectionEditor>();
        FillPostgres(cut, "warehouse", "other.example.com", "sales", "loader");
        Click(cut, "Save");

        cut.WaitForAssertion(() => Assert.Contains("A connection named 'Warehouse' already exists.", cut.Markup));
        Assert.Equal("warehouse", cut.Find("#connection-name").GetAttribute("value"));
        Assert.Equal("other.example.com", cut.Find("#connection-host").GetAttribute("value"));
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.Connections.CountAsync(Ct));
    }

    [Fact]
    public void Missing_fields_are_flagged_inline_on_save()
    {
        var cut = Render<ConnectionEditor>();
        cut.Find("#connection-name").Input("Half done");
        Click(cut, "Save");

        cut.WaitForAssertion(() => Assert.Contains("Enter the host name.", cut.Markup));
        Assert.Contains("Enter the database.", cut.Markup);
        Assert.Contains("Enter the user name.", cut.Markup);
        Assert.Equal("Half done", cut.Find("#connection-name").GetAttribute("value"));
    }

    [Theory]
    [InlineData(ConnectionKind.AzureBlob, """{"container":"Bad_Name","accountUrl":"https://acct.blob.core.windows.net/"}""", "Enter the container: 3–63 lower-case letters, digits and hyphens.")]
    [InlineData(ConnectionKind.PostgreSql, """{"host":"db","database":"dw","username":"etl","port":5432,"sslMode":"Sometimes"}""", "Choose one of Disable, Allow, Prefer, Require, VerifyCA, VerifyFull.")]
    [InlineData(ConnectionKind.Kafka, """{"bootstrapServers":"kafka:9093","securityProtocol":"SaslSsl","saslMechanism":"ScramSha256"}""", "Enter the SASL user name ($ConnectionString for Event Hubs).")]
    public async Task Saving_settings_only_the_api_used_to_refuse_shows_the_rules_message_inline(ConnectionKind kind, string settings, string expected)
    {
        int id;
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            var connection = new Connection { Name = "Stored", Kind = kind, Settings = settings, Secret = new TestSecretProtector().Protect("kept") };
            db.Connections.Add(connection);
            await db.SaveChangesAsync(Ct);
            id = connection.Id;
        }
        var cut = Render<ConnectionEditor>(p => p.Add(e => e.Id, id));
        cut.WaitForAssertion(() => Assert.Equal("set", cut.Find("[data-testid='secret-state']").TextContent.Trim()));

        Click(cut, "Save");

        cut.WaitForAssertion(() => Assert.Contains(expected, cut.Markup));
        await using var check = await Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(settings, (await check.Connections.SingleAsync(Ct)).Settings);
    }

    [Theory]
    [InlineData("right", "Connected to PostgreSQL")]
    [InlineData("no-database", "Database missing: 'missing_db' does not exist")]
    [InlineData("no-role", "Login refused")]
    [InlineData("no-server", "Host unreachable: 127.0.0.1:")]
    public void Test_connection_against_a_real_PostgreSQL_says_what_worked_or_what_failed(string case_, string expected)
    {
        var port = case_ == "no-server" ? FreePort.Next() : postgres.Port;
        var cut = Render<ConnectionEditor>();
        FillPostgres(cut, "Probe", "127.0.0.1", case_ == "no-database" ? "missing_db" : "postgres", case_ == "no-role" ? "nobody_here" : "postgres");
        cut.Find("#connection-port").Change(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Click(cut, "Test connection");

        cut.WaitForAssertion(() => Assert.Contains(expected, cut.Find("[data-testid='connection-test-result']").TextContent), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Test_connection_of_a_missing_folder_names_the_folder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "etlstudio-missing-" + Guid.NewGuid().ToString("N"));
        var tester = Services.GetRequiredService<ConnectionTester>();

        var result = await tester.TestAsync(new LocalFolderSettings(missing), null, null, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal($"Folder missing: {missing} does not exist (or the app cannot see it).", result.Message);
    }

    private static void FillPostgres(IRenderedComponent<ConnectionEditor> cut, string name, string host, string database, string user)
    {
        cut.Find("#connection-name").Input(name);
        cut.Find("#connection-host").Input(host);
        cut.Find("#connection-database").Input(database);
        cut.Find("#connection-username").Input(user);
    }

    private static void Click(IRenderedComponent<ConnectionEditor> cut, string text) =>
        cut.FindAll("button").Single(b => b.TextContent.Trim() == text).Click();

    private async Task<int> AddPostgresAsync(string name, string? secret)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var connection = new Connection
        {
            Name = name, Kind = ConnectionKind.PostgreSql, Settings = """{"host":"db.example.com","database":"dw","username":"etl","port":5432}""",
            Secret = secret is null ? null : new TestSecretProtector().Protect(secret),
        };
        db.Connections.Add(connection);
        await db.SaveChangesAsync(Ct);
        return connection.Id;
    }
}

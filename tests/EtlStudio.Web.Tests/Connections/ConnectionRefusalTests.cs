using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Components.Controls;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Web.Tests.Connections;

/// <summary>The portal's connection editor and <c>/api/connections</c> refuse the same invalid connection with the same
/// words. The portal side is what the editor does on Save: <see cref="ConnectionForm.Validate"/> for the inline errors,
/// then <see cref="ConnectionService.SaveAsync"/> with <see cref="ConnectionForm.ToChange"/>.</summary>
public sealed class ConnectionRefusalTests : ApiTest
{
    /// <summary>An invalid connection as the editor's form holds it and as an API client sends it, the field the
    /// problem belongs to in each, and the one message both must show.</summary>
    public sealed record Case(string Title, Action<ConnectionForm> Fill, object Body, string FormField, string ApiKey, string Message)
    {
        public override string ToString() => Title;
    }

    private static readonly string Long = new('x', 201);

    public static TheoryData<Case> Invalid_connections() =>
    [
        new Case("missing name", f => Folder(f, ""), new { name = "", kind = "LocalFolder", settings = new { path = "in" } },
            "Name", "name", "Enter a name."),
        new Case("name too long", f => Folder(f, Long), new { name = Long, kind = "LocalFolder", settings = new { path = "in" } },
            "Name", "name", "At most 200 characters."),
        new Case("missing folder", f => { Folder(f, "Inbox"); f.Path = " "; }, new { name = "Inbox", kind = "LocalFolder", settings = new { path = " " } },
            "Path", "settings.path", "Enter the folder (absolute, or relative to the app's content root)."),
        new Case("container name with capitals and an underscore",
            f => { Named(f, "Blobs", ConnectionKind.AzureBlob); f.Container = "Bad_Name"; f.AccountUrl = "https://acct.blob.core.windows.net/"; Secret(f); },
            new { name = "Blobs", kind = "AzureBlob", settings = new { container = "Bad_Name", accountUrl = "https://acct.blob.core.windows.net/" }, secret = "key" },
            "Container", "settings.container", "Enter the container: 3–63 lower-case letters, digits and hyphens."),
        new Case("unknown SSL mode", f => { Postgres(f); f.SslMode = "Sometimes"; },
            new { name = "Warehouse", kind = "PostgreSql", settings = new { host = "db", database = "dw", username = "etl", sslMode = "Sometimes" } },
            "SslMode", "settings.sslMode", "Choose one of Disable, Allow, Prefer, Require, VerifyCA, VerifyFull."),
        new Case("host too long", f => { Postgres(f); f.Host = Long; },
            new { name = "Warehouse", kind = "PostgreSql", settings = new { host = Long, database = "dw", username = "etl" } },
            "Host", "settings.host", "At most 200 characters."),
        new Case("port out of range", f => { Postgres(f); f.Port = 70000; },
            new { name = "Warehouse", kind = "PostgreSql", settings = new { host = "db", database = "dw", username = "etl", port = 70000 } },
            "Port", "settings.port", "Enter a port between 1 and 65535."),
        new Case("SQL login without its password", f => { Named(f, "Sql", ConnectionKind.SqlServer); (f.Server, f.Database, f.Username) = ("sql,1433", "dw", "etl"); },
            new { name = "Sql", kind = "SqlServer", settings = new { server = "sql,1433", database = "dw", username = "etl" } },
            "NewSecret", "secret", "Enter the password."),
        new Case("blob container without account URL or connection string", f => { Named(f, "Blobs", ConnectionKind.AzureBlob); f.Container = "incoming"; },
            new { name = "Blobs", kind = "AzureBlob", settings = new { container = "incoming" } },
            "NewSecret", "secret", "Enter the storage connection string."),
        new Case("Kafka SASL without a user name",
            f => { Named(f, "Broker", ConnectionKind.Kafka); (f.BootstrapServers, f.SecurityProtocol, f.SaslMechanism) = ("kafka:9093", "SaslSsl", "ScramSha256"); Secret(f); },
            new { name = "Broker", kind = "Kafka", settings = new { bootstrapServers = "kafka:9093", securityProtocol = "SaslSsl", saslMechanism = "ScramSha256" }, secret = "pw" },
            "Username", "settings.username", "Enter the SASL user name ($ConnectionString for Event Hubs)."),
        new Case("Confluent Cloud without its API key",
            f => { Named(f, "Cloud", ConnectionKind.Kafka); f.ApplyFlavour(KafkaFlavour.ConfluentCloud); f.BootstrapServers = "pkc-1.westeurope.azure.confluent.cloud:9092"; },
            new { name = "Cloud", kind = "Kafka", settings = new { bootstrapServers = "pkc-1.westeurope.azure.confluent.cloud:9092", securityProtocol = "SaslSsl", saslMechanism = "Plain" } },
            "Username", "settings.username", "Enter the API key."),
        new Case("base URL that is not http", f => { Named(f, "Api", ConnectionKind.Http); f.BaseUrl = "ftp://files.example.com/"; },
            new { name = "Api", kind = "Http", settings = new { baseUrl = "ftp://files.example.com/" } },
            "BaseUrl", "settings.baseUrl", "Enter an absolute http:// or https:// URL."),
        new Case("relative base URL", f => { Named(f, "Api", ConnectionKind.Http); f.BaseUrl = "api/v1"; },
            new { name = "Api", kind = "Http", settings = new { baseUrl = "api/v1" } },
            "BaseUrl", "settings.baseUrl", "Enter an absolute http:// or https:// URL."),
        new Case("basic authentication without a user name", f => { Named(f, "Api", ConnectionKind.Http); f.BaseUrl = "https://api.example.com/"; f.AuthKind = HttpAuthKind.Basic; Secret(f); },
            new { name = "Api", kind = "Http", settings = new { baseUrl = "https://api.example.com/", authKind = "Basic" }, secret = "pw" },
            "AuthName", "settings.authName", "Enter the user name."),
        new Case("SFTP server without a pinned host key", f => { Named(f, "Partner", ConnectionKind.Sftp); (f.Host, f.Username) = ("sftp.example.com", "etl"); Secret(f); },
            new { name = "Partner", kind = "Sftp", settings = new { host = "sftp.example.com", username = "etl" }, secret = "pw" },
            "HostKeyFingerprint", "settings.hostKeyFingerprint", ConnectionRules.FingerprintMissing),
        new Case("SFTP host key given as an MD5 fingerprint",
            f => { Named(f, "Partner", ConnectionKind.Sftp); (f.Host, f.Username, f.HostKeyFingerprint) = ("sftp.example.com", "etl", "MD5:12:34:56"); Secret(f); },
            new { name = "Partner", kind = "Sftp", settings = new { host = "sftp.example.com", username = "etl", hostKeyFingerprint = "MD5:12:34:56" }, secret = "pw" },
            "HostKeyFingerprint", "settings.hostKeyFingerprint", "Enter the fingerprint as OpenSSH prints it: SHA256: and 43 base64 characters."),
        new Case("SFTP key sign-in without the key", f => { Named(f, "Partner", ConnectionKind.Sftp); (f.Host, f.Username, f.HostKeyFingerprint, f.SignIn) = ("sftp.example.com", "etl", "SHA256:" + new string('A', 43), SftpAuthentication.PrivateKey); },
            new { name = "Partner", kind = "Sftp", settings = new { host = "sftp.example.com", username = "etl", hostKeyFingerprint = "SHA256:" + new string('A', 43), signIn = "PrivateKey" } },
            "NewSecret", "secret", "Enter the private key."),
    ];

    [Theory]
    [MemberData(nameof(Invalid_connections))]
    public async Task The_editor_and_the_api_refuse_an_invalid_connection_with_the_same_message(Case invalid)
    {
        var form = new ConnectionForm();
        invalid.Fill(form);

        var inline = form.Validate();
        var saved = await SaveAsTheEditorDoesAsync(form);
        var problem = await PostAsync("/api/connections", invalid.Body, HttpStatusCode.BadRequest);

        Assert.Equal(invalid.Message, inline.GetValueOrDefault(invalid.FormField));
        Assert.Equal(inline, saved);
        Assert.Equal(invalid.Message, Error(problem, invalid.ApiKey));
        Assert.Equal(inline.Values.Order(StringComparer.Ordinal), ApiMessages(problem));
        await using var db = await Host.Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Connections.CountAsync(Ct));
    }

    [Fact]
    public async Task The_editor_and_the_api_refuse_a_taken_name_with_the_same_message()
    {
        await CreateConnectionAsync("Inbox", "LocalFolder", new { path = "in" });
        var form = new ConnectionForm();
        Folder(form, "inbox");

        await using var scope = Host.Services.CreateAsyncScope();
        var portal = await scope.ServiceProvider.GetRequiredService<ConnectionService>().SaveAsync(form.Id, form.ToChange(), Ct);
        var problem = await PostAsync("/api/connections", new { name = "inbox", kind = "LocalFolder", settings = new { path = "in" } }, HttpStatusCode.Conflict);

        Assert.Empty(form.Validate());
        Assert.Equal("A connection named 'Inbox' already exists.", portal.Conflict);
        Assert.Equal(portal.Conflict, problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_connection_valid_for_the_editor_is_accepted_by_the_api_and_stored_the_same()
    {
        var form = new ConnectionForm();
        Named(form, "Cloud", ConnectionKind.Kafka);
        form.ApplyFlavour(KafkaFlavour.ConfluentCloud);
        (form.BootstrapServers, form.Username) = ("pkc-1.westeurope.azure.confluent.cloud:9092", "KEY1");
        Secret(form);

        Assert.Empty(await SaveAsTheEditorDoesAsync(form));
        await using var db = await Host.Contexts.CreateDbContextAsync(Ct);
        var stored = await db.Connections.SingleAsync(Ct);
        var viaApi = await PostAsync("/api/connections", new
        {
            name = "Cloud 2", kind = "Kafka", secret = "pw",
            settings = JsonNode.Parse(stored.Settings),
        });

        Assert.Equal(stored.Settings, (await db.Connections.AsNoTracking().SingleAsync(c => c.Id == viaApi["id"]!.GetValue<int>(), Ct)).Settings);
        Assert.Equal("""{"bootstrapServers":"pkc-1.westeurope.azure.confluent.cloud:9092","securityProtocol":"SaslSsl","saslMechanism":"Plain","username":"KEY1"}""", stored.Settings);
    }

    /// <summary>What the editor's Save does once its inline check passes, and the errors it would then show.</summary>
    private async Task<Dictionary<string, string>> SaveAsTheEditorDoesAsync(ConnectionForm form)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ConnectionService>().SaveAsync(form.Id, form.ToChange(), Ct);
        return ConnectionForm.FieldErrors(result.Errors);
    }

    private static IEnumerable<string> ApiMessages(JsonNode problem) =>
        problem["errors"]!.AsObject().SelectMany(e => e.Value!.AsArray().Select(m => m!.GetValue<string>())).Order(StringComparer.Ordinal);

    private static void Named(ConnectionForm form, string name, ConnectionKind kind) => (form.Name, form.Kind) = (name, kind);

    private static void Folder(ConnectionForm form, string name)
    {
        Named(form, name, ConnectionKind.LocalFolder);
        form.Path = "in";
    }

    private static void Postgres(ConnectionForm form)
    {
        Named(form, "Warehouse", ConnectionKind.PostgreSql);
        (form.Host, form.Database, form.Username) = ("db", "dw", "etl");
    }

    private static void Secret(ConnectionForm form) => (form.SecretChange, form.NewSecret) = (SecretChange.Replace, "pw");
}

using Azure.Core;
using Confluent.Kafka;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Triggers;
using Microsoft.Extensions.Options;
using Xunit;

namespace EtlStudio.Kafka.Tests;

/// <summary>Client properties produced for each kind of Kafka connection.</summary>
public sealed class ClientSettingsTests
{
    private const string EventHubsConnectionString = "Endpoint=sb://etl-ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=abc=";

    [Fact]
    public void A_plain_broker_needs_only_its_servers()
    {
        var settings = Create("""{"bootstrapServers":"k1:9092,k2:9092"}""");

        Assert.Equal("k1:9092,k2:9092", settings.Client.BootstrapServers);
        Assert.Equal(SecurityProtocol.Plaintext, settings.Client.SecurityProtocol);
        Assert.Null(settings.Client.SaslMechanism);
        Assert.Null(settings.Client.SaslPassword);
        Assert.Null(settings.Token);
        Assert.Equal("k1:9092,k2:9092 (Plaintext)", settings.Summary);
    }

    [Fact]
    public void Event_Hubs_with_a_connection_string_signs_in_with_PLAIN_as_dollar_ConnectionString()
    {
        var settings = Create("""{"bootstrapServers":"etl-ns.servicebus.windows.net:9093","securityProtocol":"SASL_SSL","saslMechanism":"PLAIN","username":"$ConnectionString"}""",
            EventHubsConnectionString);

        Assert.Equal(SecurityProtocol.SaslSsl, settings.Client.SecurityProtocol);
        Assert.Equal(SaslMechanism.Plain, settings.Client.SaslMechanism);
        Assert.Equal("$ConnectionString", settings.Client.SaslUsername);
        Assert.Equal(EventHubsConnectionString, settings.Client.SaslPassword);
        Assert.True(settings.Client.SocketKeepaliveEnable);
        Assert.Equal(180_000, settings.Client.MetadataMaxAgeMs);
        Assert.DoesNotContain(EventHubsConnectionString, settings.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_Hubs_with_Entra_ID_uses_OAUTHBEARER_for_the_namespace_and_no_password()
    {
        var settings = Create("""{"bootstrapServers":"etl-ns.servicebus.windows.net:9093","securityProtocol":"SaslSsl","saslMechanism":"OAuthBearer"}""");

        Assert.Equal(SaslMechanism.OAuthBearer, settings.Client.SaslMechanism);
        Assert.Null(settings.Client.SaslUsername);
        Assert.Null(settings.Client.SaslPassword);
        Assert.Equal("https://etl-ns.servicebus.windows.net/.default", settings.Token?.Scope);
    }

    [Theory]
    [InlineData("Plain", SaslMechanism.Plain)]
    [InlineData("SCRAM-SHA-256", SaslMechanism.ScramSha256)]
    [InlineData("ScramSha512", SaslMechanism.ScramSha512)]
    public void Confluent_Cloud_signs_in_with_the_API_key_and_secret(string mechanism, SaslMechanism expected)
    {
        var settings = Create($$"""{"bootstrapServers":"pkc-1.westeurope.azure.confluent.cloud:9092","securityProtocol":"SaslSsl","saslMechanism":"{{mechanism}}","username":"APIKEY1"}""",
            "api-secret");

        Assert.Equal(expected, settings.Client.SaslMechanism);
        Assert.Equal("APIKEY1", settings.Client.SaslUsername);
        Assert.Equal("api-secret", settings.Client.SaslPassword);
        Assert.Null(settings.Client.SocketKeepaliveEnable);
    }

    [Fact]
    public void A_consumer_stores_offsets_itself_and_lets_librdkafka_commit_them()
    {
        var consumer = Create("""{"bootstrapServers":"k:9092"}""").Consumer("etl-orders", "etlstudio-trigger-7");

        Assert.Equal("etl-orders", consumer.GroupId);
        Assert.Equal("etlstudio-trigger-7", consumer.ClientId);
        Assert.False(consumer.EnableAutoOffsetStore);
        Assert.True(consumer.EnableAutoCommit);
        Assert.Equal(AutoOffsetReset.Earliest, consumer.AutoOffsetReset);
        Assert.Equal("k:9092", consumer.BootstrapServers);
    }

    [Fact]
    public void The_dead_letter_producer_waits_for_all_replicas_and_keeps_the_connection_settings()
    {
        var producer = Create("""{"bootstrapServers":"k:9092","securityProtocol":"SaslSsl","username":"u"}""", "pw").Producer("dlq");

        Assert.Equal(Acks.All, producer.Acks);
        Assert.True(producer.EnableIdempotence);
        Assert.Equal(SaslMechanism.Plain, producer.SaslMechanism);
        Assert.Equal("pw", producer.SaslPassword);
    }

    [Fact]
    public void Configured_client_properties_reach_every_client()
    {
        var settings = Create("""{"bootstrapServers":"k:9092"}""", properties: new() { ["fetch.max.bytes"] = "104857600" });

        Assert.Equal("104857600", settings.Consumer("g", "c").Get("fetch.max.bytes"));
    }

    [Theory]
    [InlineData("""{"bootstrapServers":""}""", null, "Kafka connection 'events': BootstrapServers is empty.")]
    [InlineData("""{"bootstrapServers":"k:9092","securityProtocol":"Tls"}""", null, "SecurityProtocol 'Tls' is not one of Plaintext, Ssl, SaslPlaintext, SaslSsl.")]
    [InlineData("""{"bootstrapServers":"k:9092","securityProtocol":"SaslSsl","saslMechanism":"Kerberos5"}""", null, "SaslMechanism 'Kerberos5' is not one of")]
    [InlineData("""{"bootstrapServers":"k:9092","securityProtocol":"SaslSsl","saslMechanism":"Gssapi"}""", null, "Gssapi (Kerberos) is not supported")]
    [InlineData("""{"bootstrapServers":"k:9092","securityProtocol":"SaslSsl"}""", "pw", "Username is empty")]
    [InlineData("""{"bootstrapServers":"k:9092","securityProtocol":"SaslSsl","username":"u"}""", null, "the secret is empty")]
    [InlineData("""{"bootstrapServers":"k:9092","saslMechanism":"Plain"}""", null, "needs SecurityProtocol SaslSsl or SaslPlaintext, not Plaintext")]
    [InlineData("""{"bootstrapServers":"k:9092",""", null, "settings are not valid JSON")]
    public void Settings_that_cannot_make_a_client_are_refused_naming_the_setting(string json, string? secret, string expected)
    {
        var error = Assert.Throws<KafkaConnectionException>(() => Create(json, secret));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_of_another_kind_is_refused()
    {
        var connection = new Connection { Name = "warehouse", Kind = ConnectionKind.PostgreSql, Settings = "{}" };

        var error = Assert.Throws<KafkaConnectionException>(() => Factory().Create(connection));

        Assert.Equal("Connection 'warehouse' is a PostgreSql connection, not Kafka.", error.Message);
    }

    private static KafkaClientSettings Create(string json, string? secret = null, Dictionary<string, string>? properties = null) =>
        Factory(properties).Create(new Connection { Name = "events", Kind = ConnectionKind.Kafka, Settings = json, Secret = secret });

    private static KafkaClientSettingsFactory Factory(Dictionary<string, string>? properties = null) =>
        new(new PassThroughSecrets(), new RecordingCredential(), Options.Create(new KafkaOptions { ClientProperties = properties ?? [] }));
}

/// <summary>Hands out a fixed token and remembers the scopes asked for.</summary>
internal sealed class RecordingCredential : TokenCredential
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _scopes = new();

    public IReadOnlyList<string> Scopes => [.. _scopes];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        foreach (var scope in requestContext.Scopes) _scopes.Enqueue(scope);
        return new AccessToken("token-for-test", DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}

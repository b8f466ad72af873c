using Azure.Core;
using EtlStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit;

namespace EtlStudio.Kafka.Tests;

/// <summary>Connections that cannot work show up in the health check; secrets never show up anywhere.</summary>
public sealed class ConnectionHealthTests(KafkaMockCluster kafka)
{
    [Fact]
    public async Task Bad_connection_settings_make_the_kafka_health_check_degraded_naming_the_setting()
    {
        await using var host = await TriggerHost.CreateAsync(kafka);
        var trigger = await host.AddTriggerAsync("orders", settings: new { bootstrapServers = kafka.BootstrapServers, securityProtocol = "SaslSsl", saslMechanism = "Kerberos5" });

        await host.StartAsync(new ScriptedRunner());
        await Eventually.TrueAsync(() => host.Health.Problems.Count > 0, "a problem reported");
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);
        var health = report.Entries["kafka"];

        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.StartsWith($"trigger {trigger.Id} Connection: Kafka connection '", health.Description, StringComparison.Ordinal);
        Assert.Contains("SaslMechanism 'Kerberos5' is not one of", health.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_broker_degrades_health_and_the_secret_is_never_logged()
    {
        const string Secret = "Endpoint=sb://x/;SharedAccessKey=TOP-SECRET-VALUE";
        await using var host = await TriggerHost.CreateAsync(kafka);
        await host.AddTriggerAsync("orders", secret: Secret,
            settings: new { bootstrapServers = $"127.0.0.1:{FreePort.Next()}", securityProtocol = "SaslPlaintext", saslMechanism = "Plain", username = "$ConnectionString" });

        await host.StartAsync(new ScriptedRunner());
        await Eventually.TrueAsync(() => host.Health.Problems.Any(p => p.Contains(" Broker: ", StringComparison.Ordinal)), "broker problem reported");
        var problems = host.Health.Problems;
        await host.StopAsync();

        Assert.NotEmpty(host.Logs.Lines);
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("TOP-SECRET", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("TOP-SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Event_Hubs_with_Entra_ID_asks_the_credential_for_a_token_for_the_namespace()
    {
        var credential = new RecordingCredential();
        await using var host = await TriggerHost.CreateAsync(kafka);
        await host.AddTriggerAsync("orders", settings: new { bootstrapServers = "etl-ns.servicebus.windows.net:9093", securityProtocol = "SaslSsl", saslMechanism = "OAuthBearer" });

        await host.StartAsync(new ScriptedRunner(), app => app.Services.AddSingleton<TokenCredential>(credential));
        await Eventually.TrueAsync(() => credential.Scopes.Count > 0, "a token requested");
        await host.StopAsync();

        Assert.All(credential.Scopes, s => Assert.Equal("https://etl-ns.servicebus.windows.net/.default", s));
    }
}

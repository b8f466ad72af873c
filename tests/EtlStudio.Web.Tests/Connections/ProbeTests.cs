using Confluent.Kafka;
using EtlStudio.Testing;
using EtlStudio.Web.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Web.Tests.Connections;

/// <summary>"Test connection" against real servers: a librdkafka mock cluster and Azurite.</summary>
public sealed class ProbeTests(AzuriteServer azurite) : PortalContext
{
    private ConnectionTester Tester => Services.GetRequiredService<ConnectionTester>();

    [Fact]
    public async Task Kafka_test_reports_the_brokers_and_a_missing_topic()
    {
        var config = new ProducerConfig();
        config.Set("test.mock.num.brokers", "1");
        using var owner = new ProducerBuilder<Null, string>(config).Build();
        using var admin = new DependentAdminClientBuilder(owner.Handle).Build();
        var bootstrap = string.Join(",", admin.GetMetadata(TimeSpan.FromSeconds(5)).Brokers.Select(b => $"{b.Host}:{b.Port}"));
        await owner.ProduceAsync("orders", new Message<Null, string> { Value = "{}" }, Ct);
        var settings = new KafkaSettings(bootstrap);

        var ok = await Tester.TestAsync(settings, null, "orders", Ct);
        var missing = await Tester.TestAsync(settings, null, "invoices", Ct);

        Assert.True(ok.Succeeded, ok.Message);
        Assert.Equal($"Connected to {bootstrap}: 1 broker(s), 1 topic(s); topic 'orders' exists.", ok.Message);
        Assert.False(missing.Succeeded);
        Assert.StartsWith($"Topic missing: 'invoices' does not exist on {bootstrap}", missing.Message);
    }

    [Fact]
    public async Task Kafka_test_of_a_port_without_a_broker_says_the_host_is_unreachable()
    {
        var result = await Tester.TestAsync(new KafkaSettings($"127.0.0.1:{FreePort.Next()}"), null, null, Ct);

        Assert.False(result.Succeeded);
        Assert.StartsWith("Host unreachable: no broker at 127.0.0.1:", result.Message);
    }

    [Fact]
    public async Task Blob_test_tells_an_existing_container_from_a_missing_one()
    {
        var name = $"c{Guid.NewGuid():N}";
        await new Azure.Storage.Blobs.BlobContainerClient(azurite.ConnectionString, name).CreateAsync(cancellationToken: Ct);

        var ok = await Tester.TestAsync(new AzureBlobSettings(name), azurite.ConnectionString, null, Ct);
        var missing = await Tester.TestAsync(new AzureBlobSettings("nothere"), azurite.ConnectionString, null, Ct);

        Assert.True(ok.Succeeded, ok.Message);
        Assert.Equal($"Container '{name}' exists at http://127.0.0.1:{azurite.Port}.", ok.Message);
        Assert.Equal($"Container missing: 'nothere' does not exist at http://127.0.0.1:{azurite.Port}.", missing.Message);
    }

    [Fact]
    public async Task Blob_test_with_a_wrong_account_key_says_the_login_was_refused()
    {
        var settings = new AzureBlobSettings("anything", new Uri($"http://127.0.0.1:{azurite.Port}/devstoreaccount1"));

        var result = await Tester.TestAsync(settings, Convert.ToBase64String(new byte[64]), null, Ct);

        Assert.False(result.Succeeded);
        Assert.StartsWith($"Login refused: http://127.0.0.1:{azurite.Port} answered HTTP 403", result.Message);
    }
}

using System.Collections;
using System.Net.Sockets;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Sources.Http;
using EtlStudio.Web.Security.HttpGuard;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Xunit;
using TestContext = Xunit.TestContext;

namespace EtlStudio.Web.Tests.Security;

public sealed class HttpGuardWiringTests
{
    [Fact]
    public async Task Http_sources_registered_by_the_runtime_go_through_the_guard()
    {
        await using var host = new EtlStudioHost(web => web.ConfigureServices(s => s.AddEtlSources()));
        var sources = host.Services.GetRequiredService<ISourceFactory>();
        var source = sources.CreateDocumentSource(new HttpSourceDefinition { Url = new Uri("http://0x7f000001:1/metadata") }, new ParseDefinition());

        var error = await Assert.ThrowsAsync<EtlDataException>(async () =>
        {
            await foreach (var document in source.GetDocumentsAsync(TestContext.Current.CancellationToken)) await document.DisposeAsync();
        });

        Assert.Equal("http://127.0.0.1:1/metadata: refused to connect to 127.0.0.1 (127.0.0.1): loopback address (this machine). " +
                     "Add the host or its network to the HTTP allow-list (Security:HttpAllowList) if this source is meant to reach it", error.Message);
    }

    [Fact]
    public async Task The_failure_webhook_client_goes_through_the_guard()
    {
        await using var host = new EtlStudioHost();
        using var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(Runs.FailureNotifier.HttpClientName);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync("http://169.254.169.254/hook", null, TestContext.Current.CancellationToken));

        Assert.Contains("link-local", Assert.IsType<Engine.Sources.Http.SsrfRefusedException>(error.InnerException).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_registered_http_client_is_guarded_unless_the_opt_out_list_names_it()
    {
        IServiceCollection? registrations = null;
        await using var host = new EtlStudioHost(web =>
        {
            web.UseSetting("Kafka:Enabled", "true");
            web.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318");
            web.ConfigureTestServices(services => registrations = services);
        });
        var factory = host.Services.GetRequiredService<IHttpClientFactory>();
        var names = RegisteredClientNames(registrations!);

        // The clients this application registers itself must be among those found, or the enumeration is blind.
        Assert.Superset(new HashSet<string>(["ISourceFactory", "connection-test", Runs.FailureNotifier.HttpClientName,
            .. HttpGuardRegistration.UnguardedClients]), names);
        foreach (var name in names.Append(Options.DefaultName))
        {
            using var client = factory.CreateClient(name);
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://127.0.0.1:{FreePort()}/", TestContext.Current.CancellationToken));
            if (HttpGuardRegistration.UnguardedClients.Contains(name))
            {
                Assert.True(error.InnerException is SocketException, $"{name}: the opt-out client should have tried to connect: {error}");
            }
            else
            {
                Assert.True(error.InnerException is SsrfRefusedException, $"client '{name}' is not guarded: {error}");
            }
        }
    }

    /// <summary>Names of named clients (each has its own <see cref="HttpClientFactoryOptions"/> configuration) and
    /// typed clients (reserved in the factory's name registry) in the service collection.</summary>
    private static HashSet<string> RegisteredClientNames(IServiceCollection services)
    {
        var names = services.Where(d => d.ServiceType == typeof(IConfigureOptions<HttpClientFactoryOptions>))
            .Select(d => d.ImplementationInstance).OfType<ConfigureNamedOptions<HttpClientFactoryOptions>>()
            .Where(o => o.Name is not null).Select(o => o.Name!).ToHashSet();
        // Typed clients: the factory keeps a name → type registry (internal) to refuse two types on one name.
        var registry = services.Single(d => d.ServiceType.Name == "HttpClientMappingRegistry").ImplementationInstance!;
        var typed = (IDictionary)registry.GetType().GetProperty("NamedClientRegistrations")!.GetValue(registry)!;
        foreach (string name in typed.Keys) names.Add(name);
        return names;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task The_failure_webhook_client_never_logs_the_url_while_other_clients_do()
    {
        await using var listener = await LoopbackServer.StartAsync(_ => Task.CompletedTask, TestContext.Current.CancellationToken);
        await using var host = new EtlStudioHost(web => web.UseSetting("Security:HttpAllowList:0", $"127.0.0.1:{listener.Port}"));
        var factory = host.Services.GetRequiredService<IHttpClientFactory>();

        using var webhook = factory.CreateClient(Runs.FailureNotifier.HttpClientName);
        using var other = factory.CreateClient("connection-test");
        (await webhook.PostAsync(new Uri(listener.Url, "/services/T000/B000/WEBHOOK-CREDENTIAL"), null, TestContext.Current.CancellationToken)).Dispose();
        (await other.PostAsync(new Uri(listener.Url, "/services/T000/B000/OTHER-PATH"), null, TestContext.Current.CancellationToken)).Dispose();

        Assert.Equal(2, listener.Requests.Count);
        Assert.Contains(host.Logs, line => line.Contains("OTHER-PATH", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs, line => line.Contains("WEBHOOK-CREDENTIAL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Allow_list_comes_from_configuration_and_a_bad_entry_names_its_key()
    {
        await using var host = new EtlStudioHost(web =>
        {
            web.UseSetting("Security:HttpAllowList:0", "10.1.0.0/16");
            web.UseSetting("Security:HttpAllowList:1", "10.1.0.1/8");
        });

        _ = host.Services;

        Assert.Contains(host.Logs, line => line.Contains(
            "EtlStudio cannot start: Security:HttpAllowList:1: '10.1.0.1/8' is not a network in CIDR notation", StringComparison.Ordinal));
    }
}

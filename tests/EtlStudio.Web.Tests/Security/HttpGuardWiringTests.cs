using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
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

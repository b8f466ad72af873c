using System.Net;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Sources.Http;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Http;

/// <summary>A real server on loopback, let through by the allow-list under the name <c>localhost</c> only, so a redirect
/// to the same server by address must be refused.</summary>
public sealed class SsrfRedirectTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly SsrfGuard _guard = new(new HttpAllowList(["localhost"]));

    private int Port => new Uri(_server.Url!).Port;

    [Fact]
    public async Task Redirect_within_the_allowed_host_is_followed()
    {
        Redirect("/jump", $"http://localhost:{Port}/data");
        _server.Given(Request.Create().WithPath("/data")).RespondWith(Response.Create().WithBody("[1]"));
        using var client = new HttpClient(_guard.CreateHandler());

        var body = await client.GetStringAsync($"http://localhost:{Port}/jump", TestContext.Current.CancellationToken);

        Assert.Equal("[1]", body);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("0x7f000001")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task Redirect_from_an_allowed_host_to_an_internal_address_is_refused(string internalHost)
    {
        Redirect("/jump", $"http://{internalHost}:{Port}/data");
        _server.Given(Request.Create().WithPath("/data")).RespondWith(Response.Create().WithBody("secret"));
        using var client = new HttpClient(_guard.CreateHandler());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync($"http://localhost:{Port}/jump", TestContext.Current.CancellationToken));

        var refused = Assert.IsType<SsrfRefusedException>(error.InnerException);
        Assert.Equal(IPAddress.Loopback, SsrfAddressRules.Normalize(refused.Address));
        Assert.DoesNotContain(_server.LogEntries, e => e.RequestMessage.Path == "/data");
    }

    [Fact]
    public async Task Http_source_fails_with_a_data_error_naming_url_host_and_reason_without_retrying()
    {
        Redirect("/jump", $"http://127.0.0.1:{Port}/data");
        using var client = new HttpClient(_guard.CreateHandler());
        var factory = new SourceFactory(client, new HttpSourceOptions { MaxRetryAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1) });
        var source = factory.CreateDocumentSource(new HttpSourceDefinition { Url = new Uri($"http://localhost:{Port}/jump") }, new ParseDefinition());

        var error = await Assert.ThrowsAsync<EtlDataException>(() => Documents.ReadAllAsync(source));

        Assert.StartsWith($"http://localhost:{Port}/jump: refused to connect to 127.0.0.1 (127.0.0.1): loopback", error.Message, StringComparison.Ordinal);
        Assert.Single(_server.LogEntries, e => e.RequestMessage.Path == "/jump");
    }

    private void Redirect(string path, string location) =>
        _server.Given(Request.Create().WithPath(path)).RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", location));

    public void Dispose() => _server.Dispose();
}

using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Http;

/// <summary>The server answers only a request that carries exactly what the definition asks for; anything else gets
/// WireMock's 404, which the source turns into an error.</summary>
public sealed class HttpRequestTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly SourceFactory _factory = new(new HttpClient(), timeProvider: new RecordingTimeProvider(DateTimeOffset.UnixEpoch));

    public void Dispose() => _server.Stop();

    private void Serve(IRequestBuilder request) =>
        _server.Given(request).RespondWith(Response.Create().WithStatusCode(200).WithBody("[]"));

    private HttpSourceDefinition Source(HttpAuth auth) => new() { Url = new Uri(_server.Url + "/data?from=2024"), Auth = auth };

    [Fact]
    public async Task Bearer_token_is_sent_in_the_authorization_header()
    {
        Serve(Request.Create().WithPath("/data").UsingGet().WithHeader("Authorization", "Bearer t0k3n"));

        var documents = await Documents.ReadTextAsync(_factory, Source(new HttpAuth(HttpAuthKind.Bearer, Secret: "t0k3n")));

        Assert.Equal("[]", Assert.Single(documents).Text);
    }

    [Fact]
    public async Task Basic_credentials_are_sent_base64_encoded()
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("émile:p@ss:word"));
        Serve(Request.Create().WithPath("/data").UsingGet().WithHeader("Authorization", expected));

        var documents = await Documents.ReadTextAsync(_factory, Source(new HttpAuth(HttpAuthKind.Basic, "émile", "p@ss:word")));

        Assert.Single(documents);
    }

    [Fact]
    public async Task Api_key_header_is_sent_under_its_name()
    {
        Serve(Request.Create().WithPath("/data").UsingGet().WithHeader("X-Api-Key", "k-123"));

        var documents = await Documents.ReadTextAsync(_factory, Source(new HttpAuth(HttpAuthKind.ApiKeyHeader, "X-Api-Key", "k-123")));

        Assert.Single(documents);
    }

    [Fact]
    public async Task Api_key_query_is_sent_but_redacted_from_the_document_name()
    {
        Serve(Request.Create().WithPath("/data").UsingGet().WithParam("from", "2024").WithParam("api_key", "s3cr&t"));

        var documents = await Documents.ReadTextAsync(_factory, Source(new HttpAuth(HttpAuthKind.ApiKeyQuery, "api_key", "s3cr&t")));

        Assert.Equal($"{_server.Url}/data?from=2024&api_key=REDACTED", Assert.Single(documents).Name);
    }

    [Fact]
    public async Task Api_key_query_is_redacted_from_errors()
    {
        var source = _factory.CreateDocumentSource(Source(new HttpAuth(HttpAuthKind.ApiKeyQuery, "api_key", "s3cr3t")), new ParseDefinition());

        var error = await Assert.ThrowsAsync<EtlDataException>(() => Documents.ReadAllAsync(source));

        Assert.Contains("api_key=REDACTED", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_are_not_sent_to_a_next_page_on_another_host()
    {
        var elsewhere = _server.Url!.Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        _server.Given(Request.Create().WithPath("/data").WithHeader("Authorization", "Bearer t0k3n"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("[1]").WithHeader("Link", $"<{elsewhere}/steal>; rel=next"));
        var source = _factory.CreateDocumentSource(Source(new HttpAuth(HttpAuthKind.Bearer, Secret: "t0k3n")) with
        {
            Pagination = new HttpPagination { Kind = PaginationKind.LinkHeader },
        }, new ParseDefinition());

        var error = await Assert.ThrowsAsync<EtlDataException>(() => Documents.ReadAllAsync(source));

        Assert.Contains($"'{elsewhere}/steal' is on another host", error.Message, StringComparison.Ordinal);
        Assert.Single(_server.LogEntries);
    }

    [Fact]
    public async Task Post_sends_the_body_as_json_with_the_extra_headers()
    {
        Serve(Request.Create().WithPath("/data").UsingPost()
            .WithHeader("X-Tenant", "acme")
            .WithHeader("Content-Type", "application/json; charset=utf-8")
            .WithBody("""{"query":"orders","since":"2024-01-01"}"""));
        var source = Source(new HttpAuth()) with
        {
            Method = "post",
            Body = """{"query":"orders","since":"2024-01-01"}""",
            Headers = new Dictionary<string, string> { ["X-Tenant"] = "acme" },
        };

        var documents = await Documents.ReadTextAsync(_factory, source);

        Assert.Single(documents);
    }

    [Fact]
    public async Task Post_honours_a_content_type_header()
    {
        Serve(Request.Create().WithPath("/data").UsingPost().WithHeader("Content-Type", "text/csv").WithBody("a,b"));
        var source = Source(new HttpAuth()) with
        {
            Method = "POST", Body = "a,b", Headers = new Dictionary<string, string> { ["Content-Type"] = "text/csv" },
        };

        Assert.Single(await Documents.ReadTextAsync(_factory, source));
    }

    [Fact]
    public async Task Without_pagination_the_response_is_streamed_not_buffered()
    {
        _server.Given(Request.Create().WithPath("/data")).RespondWith(Response.Create().WithStatusCode(200).WithBody(new string('x', 100_000)));

        await foreach (var document in _factory.CreateDocumentSource(Source(new HttpAuth()), new ParseDefinition())
                           .GetDocumentsAsync(TestContext.Current.CancellationToken))
        {
            await using (document)
            {
                Assert.False(document.Content.CanSeek);
            }
        }
    }
}

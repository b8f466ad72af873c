using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Http;

public sealed class HttpPaginationTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly SourceFactory _factory = new(new HttpClient(), timeProvider: new RecordingTimeProvider(DateTimeOffset.UnixEpoch));
    private static readonly ParseDefinition Json = new() { Format = ParseFormat.Json, RecordsPath = "data.items" };

    public void Dispose() => _server.Stop();

    private void Serve(IRequestBuilder request, string body, params (string Name, string Value)[] headers)
    {
        var response = Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body);
        foreach (var (name, value) in headers) response = response.WithHeader(name, value);
        _server.Given(request.UsingGet()).RespondWith(response);
    }

    private HttpSourceDefinition Source(string path, HttpPagination pagination) =>
        new() { Url = new Uri(_server.Url + path), Pagination = pagination };

    [Fact]
    public async Task Next_link_in_the_body_is_followed_until_it_is_null()
    {
        Serve(Request.Create().WithPath("/orders"), """{"data":{"items":[1]},"links":{"next":"/orders/p2?cursor=a b"}}""");
        Serve(Request.Create().WithPath("/orders/p2").WithParam("cursor", "a b"), $$$"""{"data":{"items":[2]},"links":{"next":"{{{_server.Url}}}/orders/p3"}}""");
        Serve(Request.Create().WithPath("/orders/p3"), """{"data":{"items":[3]},"links":{"next":null}}""");

        var documents = await Documents.ReadTextAsync(_factory,
            Source("/orders", new HttpPagination { Kind = PaginationKind.NextLinkInBody, NextLinkPath = "links.next" }), Json);

        Assert.Equal([$"{_server.Url}/orders", $"{_server.Url}/orders/p2?cursor=a%20b", $"{_server.Url}/orders/p3"], documents.Select(d => d.Name));
        Assert.Contains("\"items\":[2]", documents[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_header_rel_next_is_followed_until_absent()
    {
        Serve(Request.Create().WithPath("/a"), "[1]", ("Link", $"<{_server.Url}/z>; rel=\"last\", </b?x=1>; rel=\"next\""));
        Serve(Request.Create().WithPath("/b"), "[2]", ("Link", "</a>; rel=\"prev first\""));

        var documents = await Documents.ReadTextAsync(_factory, Source("/a", new HttpPagination { Kind = PaginationKind.LinkHeader }), Json);

        Assert.Equal([($"{_server.Url}/a", "[1]"), ($"{_server.Url}/b?x=1", "[2]")], documents);
    }

    [Fact]
    public async Task Page_numbers_are_requested_until_a_page_has_no_records()
    {
        Serve(Request.Create().WithPath("/p").WithParam("page", "1").WithParam("size", "2"), """{"data":{"items":[1,2]}}""");
        Serve(Request.Create().WithPath("/p").WithParam("page", "2").WithParam("size", "2"), """{"data":{"items":[3]}}""");
        Serve(Request.Create().WithPath("/p").WithParam("page", "3").WithParam("size", "2"), """{"data":{"items":[]}}""");

        var documents = await Documents.ReadTextAsync(_factory, Source("/p?sort=id", new HttpPagination
        {
            Kind = PaginationKind.PageNumber, PageSize = 2, LimitParameter = "size",
        }), Json);

        Assert.Equal([$"{_server.Url}/p?sort=id&page=1&size=2", $"{_server.Url}/p?sort=id&page=2&size=2"], documents.Select(d => d.Name));
        Assert.Equal(3, _server.LogEntries.Count());
    }

    [Fact]
    public async Task Offset_and_limit_advance_until_a_short_page()
    {
        Serve(Request.Create().WithPath("/o").WithParam("offset", "0").WithParam("limit", "2"), """{"data":{"items":[1,2]}}""");
        Serve(Request.Create().WithPath("/o").WithParam("offset", "2").WithParam("limit", "2"), """{"data":{"items":[3,4]}}""");
        Serve(Request.Create().WithPath("/o").WithParam("offset", "4").WithParam("limit", "2"), """{"data":{"items":[5]}}""");

        var documents = await Documents.ReadTextAsync(_factory, Source("/o", new HttpPagination { Kind = PaginationKind.OffsetLimit, PageSize = 2 }), Json);

        Assert.Equal(["""{"data":{"items":[1,2]}}""", """{"data":{"items":[3,4]}}""", """{"data":{"items":[5]}}"""], documents.Select(d => d.Text));
        Assert.Equal(3, _server.LogEntries.Count());
    }

    [Fact]
    public async Task Page_numbers_count_ndjson_lines()
    {
        Serve(Request.Create().WithPath("/n").WithParam("page", "1"), "{\"id\":1}\n{\"id\":2}\n");
        Serve(Request.Create().WithPath("/n").WithParam("page", "2"), "\n");

        var documents = await Documents.ReadTextAsync(_factory, Source("/n", new HttpPagination { Kind = PaginationKind.PageNumber }),
            new ParseDefinition { Format = ParseFormat.Json });

        Assert.Single(documents);
        Assert.Equal(2, _server.LogEntries.Count());
    }

    [Fact]
    public async Task A_later_page_without_the_records_array_ends_the_pages()
    {
        Serve(Request.Create().WithPath("/m").WithParam("page", "1"), """{"data":{"items":[1]}}""");
        Serve(Request.Create().WithPath("/m").WithParam("page", "2"), """{"data":{}}""");

        var documents = await Documents.ReadTextAsync(_factory, Source("/m", new HttpPagination { Kind = PaginationKind.PageNumber }), Json);

        Assert.Single(documents);
    }

    [Fact]
    public async Task A_first_page_without_the_records_path_is_an_error_not_an_empty_extract()
    {
        Serve(Request.Create().WithPath("/w"), """{"results":[1,2]}""");
        var source = _factory.CreateDocumentSource(Source("/w", new HttpPagination { Kind = PaginationKind.OffsetLimit, PageSize = 2 }), Json);

        var error = await Assert.ThrowsAsync<EtlDataException>(() => Documents.ReadAllAsync(source));

        Assert.Equal($"{_server.Url}/w?offset=0&limit=2: records path 'data.items' is not in the first page", error.Message);
    }

    [Fact]
    public async Task More_pages_than_the_page_limit_fail_instead_of_loading_part()
    {
        Serve(Request.Create().WithPath("/loop"), """{"data":{"items":[1]},"next":"/loop"}""");
        var source = _factory.CreateDocumentSource(
            Source("/loop", new HttpPagination { Kind = PaginationKind.NextLinkInBody, NextLinkPath = "next", MaxPages = 3 }), Json);

        var error = await Assert.ThrowsAsync<EtlDataException>(() => Documents.ReadAllAsync(source));

        Assert.Contains("after 3 pages", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _server.LogEntries.Count());
    }

    [Fact]
    public async Task A_page_over_the_size_limit_fails_naming_its_url()
    {
        Serve(Request.Create().WithPath("/big"), """{"data":{"items":[1,2,3,4,5,6,7,8,9]}}""");
        var factory = new SourceFactory(new HttpClient(), new Engine.Sources.Http.HttpSourceOptions { MaxPageBytes = 10 },
            new RecordingTimeProvider(DateTimeOffset.UnixEpoch));
        var source = factory.CreateDocumentSource(Source("/big", new HttpPagination { Kind = PaginationKind.PageNumber }), Json);

        var error = await Assert.ThrowsAsync<EtlDataException>(() => Documents.ReadAllAsync(source));

        Assert.StartsWith($"{_server.Url}/big?page=1: page is larger than 10 bytes", error.Message, StringComparison.Ordinal);
        Assert.Single(_server.LogEntries);
    }
}

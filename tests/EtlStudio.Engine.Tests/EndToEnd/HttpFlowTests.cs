using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Tests.Pipeline;
using EtlStudio.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>A paged JSON API (WireMock) through the real FlowRunner into PostgreSQL: rejects name the page URL, a
/// failing page fails the run naming its URL and status, and a TruncateReplace keeps the old rows.</summary>
public sealed class HttpFlowTests(PostgresServer postgres) : IDisposable
{
    private static readonly ParseDefinition Json = new() { Format = ParseFormat.Json, RecordsPath = "data.items" };
    private readonly WireMockServer _api = WireMockServer.Start();

    public void Dispose() => _api.Stop();

    private void Serve(IRequestBuilder request, int status, string body) =>
        _api.Given(request.UsingGet()).RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private async Task<(FlowRunResult Result, TargetDatabase Db)> RunAsync(EngineHost host, HttpSourceDefinition source, LoadMode mode, ListRejects rejects)
    {
        var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await ItemsTable.CreateWithOldRowsAsync(db);
        var flow = host.Flow(ItemsTable.Columns, DatabaseProvider.PostgreSql, db.ConnectionString, ItemsTable.Name, parse: Json, mode: mode)
            with { Source = source };
        return (await host.RunAsync(flow, rejects), db);
    }

    /// <summary>Runs page-numbered pages: page 1 holds ids 100..<paramref name="lastOfPageOne"/>, page 2 answers 404
    /// with <paramref name="body"/>, page 3 (never to be asked for) holds more.</summary>
    private async Task<(FlowRunResult Result, TargetDatabase Db)> RunWithoutPageTwoAsync(int lastOfPageOne, string body, LoadMode mode)
    {
        Serve(Request.Create().WithPath("/pages").WithParam("page", "1"), 200, Page(100, lastOfPageOne, null));
        Serve(Request.Create().WithPath("/pages").WithParam("page", "2"), 404, body);
        Serve(Request.Create().WithPath("/pages").WithParam("page", "3"), 200, Page(140, 150, null));
        await using var host = new EngineHost();
        var source = new HttpSourceDefinition { Url = new Uri(_api.Url + "/pages"), Pagination = new HttpPagination { Kind = PaginationKind.PageNumber } };
        return await RunAsync(host, source, mode, new ListRejects());
    }

    /// <summary>A page body: records <paramref name="from"/>..<paramref name="to"/> (qty of <paramref name="badId"/> is
    /// not a number) and the next link.</summary>
    private static string Page(int from, int to, string? next, int badId = -1)
    {
        var items = Enumerable.Range(from, to - from + 1)
            .Select(i => $$"""{"id": {{i}}, "name": "page item {{i}} \"quoted\"", "qty": {{(i == badId ? "\"lots\"" : (i * 3).ToString(System.Globalization.CultureInfo.InvariantCulture))}}}""");
        var link = next is null ? "null" : $"\"{next}\"";
        return $$$"""{"data": {"items": [{{{string.Join(", ", items)}}}]}, "links": {"next": {{{link}}}}}""";
    }

    private static IEnumerable<object?[]> Rows(int from, int to, int skip = -1) =>
        Enumerable.Range(from, to - from + 1).Where(i => i != skip).Select(i => new object?[] { i, $"page item {i} \"quoted\"", i * 3 });

    [Fact]
    public async Task Three_next_linked_pages_load_every_good_row_and_the_bad_one_is_rejected_naming_its_page()
    {
        Serve(Request.Create().WithPath("/items"), 200, Page(100, 111, "/items/p2?cursor=b"));
        Serve(Request.Create().WithPath("/items/p2").WithParam("cursor", "b"), 200, Page(112, 123, "/items/p3", badId: 116));
        Serve(Request.Create().WithPath("/items/p3"), 200, Page(124, 128, null));
        await using var host = new EngineHost();
        var rejects = new ListRejects();
        var source = new HttpSourceDefinition
        {
            Url = new Uri(_api.Url + "/items"),
            Pagination = new HttpPagination { Kind = PaginationKind.NextLinkInBody, NextLinkPath = "links.next" },
        };

        var (result, db) = await RunAsync(host, source, LoadMode.Append, rejects);
        await using var _ = db;

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal((29L, 28L, 1L), (result.RowsRead, result.RowsWritten, result.RowsRejected));
        var reject = Assert.Single(rejects.Rows);
        Assert.Equal(new RejectedRow($"{_api.Url}/items/p2?cursor=b", 5, "qty", "lots", reject.Reason), reject);
        Assert.Contains("Int", reject.Reason, StringComparison.Ordinal);
        Assert.Equal(ItemsTable.Expected([.. ItemsTable.OldRows, .. Rows(100, 128, skip: 116)]), await ItemsTable.ReadAsync(db));
        Assert.Equal(3, _api.LogEntries.Count());
    }

    [Fact]
    public async Task A_404_on_page_two_fails_the_run_naming_the_url_and_status_and_TruncateReplace_keeps_the_old_rows()
    {
        var (result, db) = await RunWithoutPageTwoAsync(120, """{"error": "no such page"}""", LoadMode.TruncateReplace);
        await using var _ = db;

        Assert.False(result.Succeeded);
        var error = Assert.IsAssignableFrom<EtlDataException>(result.Error);
        Assert.Equal($"{_api.Url}/pages?page=2", error.Origin);
        Assert.StartsWith($"{_api.Url}/pages?page=2: HTTP 404 Not Found: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("no such page", error.Message, StringComparison.Ordinal);
        Assert.Equal(21L, result.RowsRead);
        Assert.Equal(ItemsTable.Expected(ItemsTable.OldRows), await ItemsTable.ReadAsync(db));
        Assert.Equal(2, _api.LogEntries.Count());
    }

    [Fact]
    public async Task A_404_on_page_two_of_an_Append_leaves_exactly_the_rows_it_reports_written_all_from_page_one()
    {
        var (result, db) = await RunWithoutPageTwoAsync(119, "gone", LoadMode.Append);
        await using var _ = db;

        // FlowDefinition.LoadParallelism: when an Append fails, any of its batches may have been committed; each batch
        // (7 rows here) commits whole, RowsWritten counts what was committed, and page one's last 6 rows never
        // filled a batch.
        Assert.False(result.Succeeded);
        var error = Assert.IsAssignableFrom<EtlDataException>(result.Error);
        Assert.Equal($"{_api.Url}/pages?page=2: HTTP 404 Not Found: gone", error.Message);
        var loaded = await ItemsTable.ReadAsync(db);
        Assert.Equal(ItemsTable.Expected(ItemsTable.OldRows), loaded.Take(3));
        var added = loaded.Skip(3).ToList();
        Assert.Equal(result.RowsWritten, added.Count);
        Assert.Equal(0, added.Count % 7);
        Assert.Subset(ItemsTable.Expected(Rows(100, 119)).ToHashSet(), added.ToHashSet());
    }
}

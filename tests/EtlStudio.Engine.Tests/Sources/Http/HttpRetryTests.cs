using System.Net;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources.Http;
using EtlStudio.Engine.Sources;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Http;

public sealed class HttpRetryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly RecordingTimeProvider _clock = new(Now);

    public void Dispose() => _server.Stop();

    private SourceFactory Factory(int retries = 3) =>
        new(new HttpClient(), new HttpSourceOptions { MaxRetryAttempts = retries, UseJitter = false }, _clock);

    private HttpSourceDefinition Source => new() { Url = new Uri(_server.Url + "/r") };

    /// <summary>Answers <paramref name="failures"/> in turn, then 200 with <c>ok</c>.</summary>
    private void Serve(params IResponseBuilder[] failures)
    {
        var state = "0";
        for (var i = 0; i < failures.Length; i++)
        {
            var next = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var mapping = _server.Given(Request.Create().WithPath("/r").UsingGet()).InScenario("retry");
            (i == 0 ? mapping : mapping.WhenStateIs(state)).WillSetStateTo(next).RespondWith(failures[i]);
            state = next;
        }
        var ok = _server.Given(Request.Create().WithPath("/r").UsingGet());
        (failures.Length == 0 ? ok : ok.InScenario("retry").WhenStateIs(state)).RespondWith(Response.Create().WithStatusCode(200).WithBody("ok"));
    }

    [Fact]
    public async Task Too_many_requests_waits_the_Retry_After_seconds_then_succeeds()
    {
        Serve(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "7"));

        var documents = await Documents.ReadTextAsync(Factory(), Source);

        Assert.Equal("ok", Assert.Single(documents).Text);
        Assert.Equal([TimeSpan.FromSeconds(7)], _clock.Delays);
        Assert.Equal(2, _server.LogEntries.Count());
    }

    [Fact]
    public async Task Retry_After_as_an_HTTP_date_waits_until_that_moment()
    {
        Serve(Response.Create().WithStatusCode(503).WithHeader("Retry-After", Now.AddSeconds(42).ToString("R")));

        await Documents.ReadTextAsync(Factory(), Source);

        Assert.Equal([TimeSpan.FromSeconds(42)], _clock.Delays);
    }

    [Fact]
    public async Task Retry_After_beyond_the_limit_is_capped()
    {
        Serve(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "86400"));

        await Documents.ReadTextAsync(Factory(), Source);

        Assert.Equal([new HttpSourceOptions().MaxRetryAfter], _clock.Delays);
    }

    [Fact]
    public async Task Server_errors_and_timeouts_are_retried_with_exponential_backoff()
    {
        Serve(Response.Create().WithStatusCode(503), Response.Create().WithStatusCode(500), Response.Create().WithStatusCode(408));

        var documents = await Documents.ReadTextAsync(Factory(), Source);

        Assert.Equal("ok", Assert.Single(documents).Text);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], _clock.Delays);
    }

    [Fact]
    public async Task A_network_error_is_retried()
    {
        Serve();
        using var handler = new FailFirstHandler { InnerHandler = new SocketsHttpHandler() };
        var factory = new SourceFactory(new HttpClient(handler), new HttpSourceOptions { UseJitter = false }, _clock);

        var documents = await Documents.ReadTextAsync(factory, Source);

        Assert.Equal("ok", Assert.Single(documents).Text);
        Assert.Equal(2, handler.Calls);
        Assert.Single(_server.LogEntries);
    }

    /// <summary>Stands in for a primary handler whose first connection attempt fails.</summary>
    private sealed class FailFirstHandler : DelegatingHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            ++Calls == 1
                ? throw new HttpRequestException(HttpRequestError.ConnectionError, "connection refused")
                : base.SendAsync(request, cancellationToken);
    }

    [Fact]
    public async Task Retries_end_after_the_configured_attempts_with_a_transient_error_naming_the_status()
    {
        _server.Given(Request.Create().WithPath("/r")).RespondWith(Response.Create().WithStatusCode(503).WithBody("down for maintenance"));
        var source = Factory(retries: 2).CreateDocumentSource(Source, new ParseDefinition());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Documents.ReadAllAsync(source));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains($"{_server.Url}/r: HTTP 503", error.Message, StringComparison.Ordinal);
        Assert.Contains("down for maintenance", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _server.LogEntries.Count());
    }

    [Fact]
    public async Task Cancellation_ends_a_retry_wait()
    {
        Serve(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "3600"));
        var factory = new SourceFactory(new HttpClient(), new HttpSourceOptions(), TimeProvider.System);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var document in factory.CreateDocumentSource(Source, new ParseDefinition()).GetDocumentsAsync(cancel.Token))
            {
                await document.DisposeAsync();
            }
        });
        Assert.Single(_server.LogEntries);
    }

    [Fact]
    public async Task Client_errors_are_not_retried_and_name_url_status_and_body()
    {
        _server.Given(Request.Create().WithPath("/r")).RespondWith(Response.Create().WithStatusCode(404)
            .WithBody("{\"error\":\"no such report\"}" + new string('x', 500)));
        var source = Factory().CreateDocumentSource(Source, new ParseDefinition());

        var error = await Assert.ThrowsAsync<EtlDataException>(() => Documents.ReadAllAsync(source));

        Assert.Equal($"{_server.Url}/r", error.Origin);
        Assert.StartsWith($"{_server.Url}/r: HTTP 404 Not Found: {{\"error\":\"no such report\"}}xxx", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 400, error.Message);
        Assert.Single(_server.LogEntries);
        Assert.Empty(_clock.Delays);
    }
}

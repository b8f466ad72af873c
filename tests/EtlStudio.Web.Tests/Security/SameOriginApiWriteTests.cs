using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EtlStudio.Web.Security;
using Xunit;
using TestContext = Xunit.TestContext;

namespace EtlStudio.Web.Tests.Security;

/// <summary>API writes made with the portal's cookie must come from the portal's own origin; API keys are unaffected.
/// Run now of a group is the write probed (the cross-site POST the security review reported answered 202).</summary>
public sealed class SameOriginApiWriteTests : IAsyncLifetime
{
    private readonly EtlStudioHost _host = new();
    private string _key = "";
    private int _groupId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _key = await _host.CreateUserAsync("admin@example.com", Roles.Admin);
        using var script = ApiKeyClient();
        using var created = await script.PostAsJsonAsync("/api/groups", new { name = "Nightly", cron = "0 2 * * *" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        _groupId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task Cookie_run_now_from_another_origin_is_refused_with_403()
    {
        using var browser = await SignedInBrowserAsync();

        using var response = await RunNowAsync(browser, request => request.Headers.Add("Origin", "https://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Origin 'https://evil.example' is not this site", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookie_run_now_from_the_portal_origin_is_accepted()
    {
        using var browser = await SignedInBrowserAsync();
        var origin = browser.BaseAddress!.GetLeftPart(UriPartial.Authority);

        using var response = await RunNowAsync(browser, request => request.Headers.Add("Origin", origin));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Cookie_run_now_with_only_a_same_origin_referer_is_accepted_and_a_foreign_one_refused()
    {
        using var browser = await SignedInBrowserAsync();

        using var same = await RunNowAsync(browser, request => request.Headers.Referrer = new Uri(browser.BaseAddress!, "/groups"));
        using var foreign = await RunNowAsync(browser, request => request.Headers.Referrer = new Uri("https://evil.example/page"));

        Assert.Equal(HttpStatusCode.Accepted, same.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
    }

    [Fact]
    public async Task Cookie_run_now_without_origin_or_referer_is_refused()
    {
        using var browser = await SignedInBrowserAsync();

        using var response = await RunNowAsync(browser, _ => { });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Api_key_run_now_with_a_foreign_origin_is_accepted()
    {
        using var script = ApiKeyClient();

        using var response = await RunNowAsync(script, request => request.Headers.Add("Origin", "https://evil.example"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Cookie_reads_from_another_origin_are_not_affected()
    {
        using var browser = await SignedInBrowserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/groups/{_groupId}");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await browser.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpClient> SignedInBrowserAsync()
    {
        var browser = _host.Browser();
        using var signIn = await EtlStudioHost.SignInAsync(browser, "admin@example.com");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return browser;
    }

    private HttpClient ApiKeyClient()
    {
        var client = _host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", _key);
        return client;
    }

    private async Task<HttpResponseMessage> RunNowAsync(HttpClient client, Action<HttpRequestMessage> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/groups/{_groupId}/run");
        headers(request);
        return await client.SendAsync(request, Ct);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}

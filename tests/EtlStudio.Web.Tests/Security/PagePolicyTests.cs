using System.Net;
using EtlStudio.Web.Security;
using Xunit;
using TestContext = Xunit.TestContext;

namespace EtlStudio.Web.Tests.Security;

/// <summary>A full page load of every portal page, per role, through the whole app: the server answers the page or
/// sends the browser to the access-denied page, which then loads (no redirect loop).</summary>
public sealed class PagePolicyTests : IAsyncLifetime
{
    // The page → policy table of Security/README.md; ids that do not exist still load the page (it says "not found").
    private static readonly (string Path, string Policy)[] Pages =
    [
        ("/", Policies.View),
        ("/groups", Policies.View),
        ("/groups/new", Policies.Edit),
        ("/groups/1", Policies.Edit),
        ("/flows", Policies.View),
        ("/flows/new", Policies.Edit),
        ("/flows/1", Policies.Edit),
        ("/runs", Policies.View),
        ($"/runs/{Guid.Empty}", Policies.View),
        ("/connections", Policies.Admin),
        ("/connections/new", Policies.Admin),
        ("/connections/1", Policies.Admin),
        ("/audit", Policies.Admin),
        ("/account/users", Policies.Admin),
    ];

    private readonly EtlStudioHost _host = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData(Roles.Viewer, "View")]
    [InlineData(Roles.Operator, "View,Run")]
    [InlineData(Roles.Editor, "View,Run,Edit")]
    [InlineData(Roles.Admin, "View,Run,Edit,Admin")]
    public async Task Each_role_loads_exactly_the_pages_its_policies_allow(string role, string policies)
    {
        using var client = await SignedInAsync(role);

        foreach (var (path, policy) in Pages)
        {
            using var response = await client.GetAsync(path, Ct);
            var expected = policies.Split(',').Contains(policy) ? HttpStatusCode.OK : HttpStatusCode.Redirect;
            Assert.True(expected == response.StatusCode, $"{role} on {path}: expected {expected}, got {(int)response.StatusCode} {response.Headers.Location}");
            if (expected == HttpStatusCode.Redirect) Assert.Equal("/account/access-denied", response.Headers.Location?.AbsolutePath);
        }
    }

    [Fact]
    public async Task Viewer_sent_to_access_denied_gets_a_clear_page_not_a_redirect_loop()
    {
        using var client = await SignedInAsync(Roles.Viewer);

        using var editor = await client.GetAsync("/groups/new", Ct);
        using var denied = await client.GetAsync(editor.Headers.Location, Ct);

        Assert.Equal(HttpStatusCode.OK, denied.StatusCode);
        var page = await denied.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<h1>Access denied</h1>", page, StringComparison.Ordinal);
        Assert.Contains("You do not have access to this page", page, StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}@example.com";
        await _host.CreateUserAsync(email, role);
        var client = _host.Browser();
        using var signIn = await EtlStudioHost.SignInAsync(client, email);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}

using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using EtlStudio.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using TestContext = Xunit.TestContext;

namespace EtlStudio.Web.Tests.Security;

public sealed class AccessTests : IAsyncLifetime
{
    private readonly EtlStudioHost _host = new();

    public async ValueTask InitializeAsync() => await _host.CreateUserAsync("first@example.com", Roles.Admin);

    [Theory]
    [InlineData("/")]
    [InlineData("/account/users")]
    [InlineData("/audit")]
    [InlineData("/hangfire")]
    public async Task Anonymous_page_request_is_sent_to_sign_in(string path)
    {
        using var client = _host.Browser();

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location?.AbsolutePath);
    }

    [Theory]
    [InlineData("view")]
    [InlineData("admin")]
    public async Task Anonymous_api_request_gets_401_not_a_redirect(string policy)
    {
        using var client = _host.Browser();

        using var response = await client.GetAsync($"/api/test/{policy}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_api_key_gets_401()
    {
        using var client = _host.Browser();
        client.DefaultRequestHeaders.Add("X-Api-Key", "etl_not-a-real-key");

        using var response = await client.GetAsync("/api/test/view", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("Viewer", "view")]
    [InlineData("Operator", "view,run")]
    [InlineData("Editor", "view,run,edit")]
    [InlineData("Admin", "view,run,edit,admin")]
    public async Task Each_role_passes_exactly_its_policies_with_an_api_key(string role, string allowed)
    {
        var key = await _host.CreateUserAsync($"{role.ToLowerInvariant()}@example.com", role);
        using var client = _host.Browser();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        foreach (var policy in new[] { "view", "run", "edit", "admin" })
        {
            using var response = await client.GetAsync($"/api/test/{policy}", TestContext.Current.CancellationToken);
            var expected = allowed.Split(',').Contains(policy) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            Assert.True(expected == response.StatusCode, $"{role} on {policy}: expected {expected}, got {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Revoked_api_key_no_longer_signs_in()
    {
        var key = await _host.CreateUserAsync("script@example.com", Roles.Operator);
        var admin = _host.Services.GetRequiredService<Web.Security.Authentication.UserAdministration>();
        var user = (await admin.ListAsync(TestContext.Current.CancellationToken)).Single(u => u.Email == "script@example.com");
        await admin.RevokeApiKeyAsync(user.Id);
        using var client = _host.Browser();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        using var response = await client.GetAsync("/api/test/view", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Viewer_signed_in_with_the_cookie_is_denied_the_admin_page()
    {
        await _host.CreateUserAsync("viewer@example.com", Roles.Viewer);
        using var client = _host.Browser();
        using var signIn = await EtlStudioHost.SignInAsync(client, "viewer@example.com");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using var response = await client.GetAsync("/account/users", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Admin_signed_in_with_the_cookie_opens_the_user_page()
    {
        using var client = _host.Browser();
        using var signIn = await EtlStudioHost.SignInAsync(client, "first@example.com");
        Assert.Equal("/", signIn.Headers.Location?.AbsolutePath);

        using var response = await client.GetAsync("/account/users", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("first@example.com", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_from_the_app_bar_ends_the_session()
    {
        using var client = _host.Browser();
        using var signIn = await EtlStudioHost.SignInAsync(client, "first@example.com");

        using var signOut = await EtlStudioHost.PostFormAsync(client, "/", "", new() { ["returnUrl"] = "/" }, postTo: "/account/logout");
        using var after = await client.GetAsync("/account/users", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/account/login", after.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused()
    {
        using var client = _host.Browser();
        using var signIn = await EtlStudioHost.SignInAsync(client, "first@example.com");

        using var signOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent([new("returnUrl", "/")]), TestContext.Current.CancellationToken);
        using var after = await client.GetAsync("/account/users", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Sign_in_post_without_the_antiforgery_token_is_refused_not_a_server_error()
    {
        using var client = _host.Browser();

        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(
            [new("_handler", "login"), new("Input.Email", "first@example.com"), new("Input.Password", "Correct-Horse-9")]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("EtlStudio.Auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Wrong_password_shows_the_form_again_with_a_message()
    {
        using var client = _host.Browser();

        using var response = await EtlStudioHost.SignInAsync(client, "first@example.com", "Wrong-Password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Email or password is wrong.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Forged_cookie_is_sent_to_sign_in_not_a_server_error(string cookie)
    {
        using var client = _host.Browser();
        client.DefaultRequestHeaders.Add("Cookie", $"EtlStudio.Auth={cookie}");

        using var page = await client.GetAsync("/", TestContext.Current.CancellationToken);
        using var api = await client.GetAsync("/api/test/view", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/login", page.Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Expired_cookie_is_sent_to_sign_in()
    {
        var cookies = _host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "first@example.com"), new Claim(ClaimTypes.Role, Roles.Admin)], IdentityConstants.ApplicationScheme);
        var properties = new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow.AddDays(-2), ExpiresUtc = DateTimeOffset.UtcNow.AddDays(-1) };
        var expired = cookies.TicketDataFormat.Protect(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, IdentityConstants.ApplicationScheme));
        using var client = _host.Browser();
        client.DefaultRequestHeaders.Add("Cookie", $"EtlStudio.Auth={expired}");

        using var page = await client.GetAsync("/account/users", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/login", page.Headers.Location?.AbsolutePath);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}

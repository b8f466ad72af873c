using System.Net;
using EtlStudio.Web.Security;
using EtlStudio.Web.Security.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using TestContext = Xunit.TestContext;

namespace EtlStudio.Web.Tests.Security;

public sealed class UserAdministrationTests : IAsyncDisposable
{
    private readonly EtlStudioHost _host = new();

    private UserAdministration Admin => _host.Services.GetRequiredService<UserAdministration>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_last_admin_cannot_be_demoted_but_one_of_two_can()
    {
        await _host.CreateUserAsync("one@example.com", Roles.Admin);
        var one = await IdOfAsync("one@example.com");

        var refused = await Admin.SetRoleAsync(one, Roles.Viewer);
        await _host.CreateUserAsync("two@example.com", Roles.Admin);
        var allowed = await Admin.SetRoleAsync(one, Roles.Viewer);

        Assert.Equal("LastAdmin", Assert.Single(refused.Errors).Code);
        Assert.True(allowed.Succeeded);
        Assert.Equal(Roles.Viewer, (await Admin.ListAsync(Ct)).Single(u => u.Email == "one@example.com").Role);
    }

    [Fact]
    public async Task A_new_role_applies_to_the_api_key_at_the_next_request()
    {
        var key = await _host.CreateUserAsync("ops@example.com", Roles.Viewer);
        using var client = _host.Browser();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var before = await client.GetAsync("/api/test/run", Ct);

        await Admin.SetRoleAsync(await IdOfAsync("ops@example.com"), Roles.Operator);
        using var after = await client.GetAsync("/api/test/run", Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (before.StatusCode, after.StatusCode));
    }

    [Fact]
    public async Task A_locked_user_can_neither_sign_in_nor_use_the_api_key()
    {
        var key = await _host.CreateUserAsync("gone@example.com", Roles.Editor);
        await Admin.SetLockedAsync(await IdOfAsync("gone@example.com"), locked: true);
        using var client = _host.Browser();

        using var signIn = await EtlStudioHost.SignInAsync(client, "gone@example.com");
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var api = await client.GetAsync("/api/test/view", Ct);

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("This account is locked", await signIn.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.True((await Admin.ListAsync(Ct)).Single(u => u.Email == "gone@example.com").LockedOut);
    }

    [Fact]
    public async Task A_key_in_use_stops_at_the_next_request_after_a_lockout_or_a_revocation()
    {
        var locked = await _host.CreateUserAsync("busy@example.com", Roles.Operator);
        var revoked = await _host.CreateUserAsync("poller@example.com", Roles.Operator);
        var before = (await StatusWithKeyAsync(locked), await StatusWithKeyAsync(revoked));

        await Admin.SetLockedAsync(await IdOfAsync("busy@example.com"), locked: true);
        await Admin.RevokeApiKeyAsync(await IdOfAsync("poller@example.com"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), before);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (await StatusWithKeyAsync(locked), await StatusWithKeyAsync(revoked)));
    }

    [Fact]
    public async Task Issuing_a_new_key_retires_the_old_one()
    {
        var old = await _host.CreateUserAsync("bot@example.com", Roles.Viewer);
        var fresh = await Admin.IssueApiKeyAsync(await IdOfAsync("bot@example.com"));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithKeyAsync(old));
        Assert.Equal(HttpStatusCode.OK, await StatusWithKeyAsync(fresh));
    }

    private async Task<HttpStatusCode> StatusWithKeyAsync(string key)
    {
        using var client = _host.Browser();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var response = await client.GetAsync("/api/test/view", Ct);
        return response.StatusCode;
    }

    private async Task<string> IdOfAsync(string email) => (await Admin.ListAsync(Ct)).Single(u => u.Email == email).Id;

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}

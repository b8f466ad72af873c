using System.Net;
using EtlStudio.Web.Security.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using TestContext = Xunit.TestContext;

namespace EtlStudio.Web.Tests.Security;

public sealed class FirstRunTests : IAsyncDisposable
{
    private readonly EtlStudioHost _host = new();

    [Fact]
    public async Task Without_any_user_sign_in_leads_to_setup_which_creates_a_signed_in_admin_and_then_disappears()
    {
        using var client = _host.Browser();
        using var login = await client.GetAsync("/account/login", TestContext.Current.CancellationToken);
        Assert.Equal("/setup", login.Headers.Location?.AbsolutePath);

        using var created = await EtlStudioHost.PostFormAsync(client, "/setup", "setup", new()
        {
            ["Input.Email"] = "owner@example.com", ["Input.Password"] = "Owner-Password-1", ["Input.Confirm"] = "Owner-Password-1",
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using var users = await client.GetAsync("/account/users", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        var listed = await _host.Services.GetRequiredService<UserAdministration>().ListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("owner@example.com", "Admin"), (Assert.Single(listed).Email, listed[0].Role));
        using var again = await client.GetAsync("/setup", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        // Anonymous visitors get what any unknown page gives them: the sign-in page (the not-found page needs a user).
        using var anonymous = _host.Browser();
        using var anonymousAgain = await anonymous.GetAsync("/setup", TestContext.Current.CancellationToken);
        Assert.Equal("/account/login", anonymousAgain.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Weak_password_is_refused_with_the_reason_and_creates_nobody()
    {
        using var client = _host.Browser();

        using var response = await EtlStudioHost.PostFormAsync(client, "/setup", "setup", new()
        {
            ["Input.Email"] = "owner@example.com", ["Input.Password"] = "alllowercase", ["Input.Confirm"] = "alllowercase",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("uppercase", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty(await _host.Services.GetRequiredService<UserAdministration>().ListAsync(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}

using System.Security.Claims;
using EtlStudio.Data.Entities;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Security.Authentication;

/// <summary>Re-checks a circuit's user every 30 minutes: a deleted user, or one whose security stamp changed (password
/// or role change, sign-out everywhere), is signed out of the open portal too, not only at the next page load.</summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> options) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<EtlUser>>();
        return await IsValidAsync(users, authenticationState.User);
    }

    private async Task<bool> IsValidAsync(UserManager<EtlUser> users, ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var stamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}

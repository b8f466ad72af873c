using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace EtlStudio.Web.Components.Controls;

/// <summary>The check a portal event handler makes before it acts. Hiding a button with <c>AuthorizeView</c> is a
/// courtesy: an event can still reach the handler (a page left open across a role change, an event for a handler the
/// previous render still had, a crafted circuit message), so the handler asks again here.</summary>
/// <remarks>Reads the circuit's <see cref="AuthenticationStateProvider"/>, the same source the cascading
/// <c>AuthenticationState</c> comes from, and evaluates the app's real policies (<see cref="Security.Policies"/>).</remarks>
internal sealed class PortalAuthorization(AuthenticationStateProvider authentication, IAuthorizationService authorization, ISnackbar snackbar,
    ILogger<PortalAuthorization> logger)
{
    /// <summary>True when the signed-in user passes <paramref name="policy"/>; otherwise logs the refusal, tells the
    /// user and returns false (the handler then does nothing).</summary>
    public async Task<bool> AllowsAsync(string policy, string action)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if ((await authorization.AuthorizeAsync(user, policy)).Succeeded) return true;
        PortalLog.ActionRefused(logger, action, policy, user.Identity?.Name ?? "anonymous");
        snackbar.Add($"Your role does not allow this: {action}.", Severity.Warning);
        return false;
    }
}

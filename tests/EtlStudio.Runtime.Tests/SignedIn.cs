using System.Security.Claims;
using EtlStudio.Web.Security.Authentication;

namespace EtlStudio.Runtime.Tests;

/// <summary>Signs a user in for the calls that follow in this async flow, as the portal's circuit does, so the runtime
/// takes the acting user from <see cref="CurrentUser"/>.</summary>
internal static class SignedIn
{
    public static IDisposable As(string name)
    {
        CurrentUser.SetCircuitUser(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "Test")));
        return new SignOut();
    }

    private sealed class SignOut : IDisposable
    {
        public void Dispose() => CurrentUser.SetCircuitUser(null);
    }
}

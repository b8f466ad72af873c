using System.Collections.Concurrent;
using System.Security.Claims;
using EtlStudio.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace EtlStudio.Web.Security.Authentication;

/// <summary>The claims of each API-key user, kept per security stamp. Building them costs the roles and claims
/// queries of <see cref="IUserClaimsPrincipalFactory{TUser}"/>; a script polling a run asks several times a second.
/// Every request still reads the key's user row, so a revoked or replaced key and a lockout apply at once; a role change
/// renews the stamp (<see cref="UserAdministration.SetRoleAsync"/>), so the next request builds the claims again, on
/// every instance. One entry per user: a new stamp replaces the old entry.</summary>
internal sealed class ApiKeyClaims
{
    private readonly ConcurrentDictionary<string, (string Stamp, Claim[] Claims)> _byUser = new(StringComparer.Ordinal);

    public async Task<IEnumerable<Claim>> ForAsync(EtlUser user, IUserClaimsPrincipalFactory<EtlUser> principals)
    {
        if (user.SecurityStamp is { } stamp && _byUser.TryGetValue(user.Id, out var known) && known.Stamp == stamp) return known.Claims;
        var claims = (await principals.CreateAsync(user)).Claims.ToArray();
        if (user.SecurityStamp is { } current) _byUser[user.Id] = (current, claims);
        return claims;
    }
}

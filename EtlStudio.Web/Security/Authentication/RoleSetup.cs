using Microsoft.AspNetCore.Identity;

namespace EtlStudio.Web.Security.Authentication;

internal static class RoleSetup
{
    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in AuthorizationRegistration.AllRoles)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded) throw new InvalidOperationException($"Cannot create role {role}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }
        }
    }
}

using EtlStudio.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Security.Authentication;

/// <summary>What the Admin user page does, each call in its own scope (a page never holds a DbContext). Changes pass
/// through the audit interceptor like any other configuration change.</summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>All local users with their highest role.</summary>
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var result = new List<UserSummary>(all.Count);
        foreach (var user in all)
        {
            var roles = await users.GetRolesAsync(user);
            var role = AuthorizationRegistration.AllRoles.FirstOrDefault(roles.Contains) ?? "(none)";
            result.Add(new UserSummary(user.Id, user.Email ?? user.UserName ?? user.Id, role, user.LockoutEnd > time.GetUtcNow(), user.ApiKeyCreatedUtc));
        }
        return result;
    }

    /// <summary>Creates a user with one role; the errors say what is wrong with the email or password.</summary>
    public async Task<IdentityResult> CreateAsync(string email, string password, string role)
    {
        await using var scope = scopes.CreateAsyncScope();
        await RoleSetup.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        var users = Users(scope);
        var user = new EtlUser { UserName = email, Email = email };
        var created = await users.CreateAsync(user, password);
        return created.Succeeded ? await users.AddToRoleAsync(user, CheckRole(role)) : created;
    }

    /// <summary>Gives the user exactly <paramref name="role"/>. Refuses to take Admin from the last Admin.</summary>
    public async Task<IdentityResult> SetRoleAsync(string userId, string role)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await Find(users, userId);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && role != Roles.Admin && (await users.GetUsersInRoleAsync(Roles.Admin)).Count == 1)
        {
            return IdentityResult.Failed(new IdentityError { Code = "LastAdmin", Description = "This is the last Admin: make someone else Admin first." });
        }
        var removed = await users.RemoveFromRolesAsync(user, current);
        if (!removed.Succeeded) return removed;
        var added = await users.AddToRoleAsync(user, CheckRole(role));
        // Open sessions of this user pick up the new role at their next revalidation.
        return added.Succeeded ? await users.UpdateSecurityStampAsync(user) : added;
    }

    /// <summary>Issues a new API key (replacing any old one) and returns it; only its hash is kept.</summary>
    public async Task<string> IssueApiKeyAsync(string userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await Find(users, userId);
        var key = ApiKeys.Generate();
        user.ApiKeyHash = ApiKeys.Hash(key);
        user.ApiKeyCreatedUtc = time.GetUtcNow().UtcDateTime;
        Check(await users.UpdateAsync(user));
        return key;
    }

    /// <summary>Revokes the user's API key.</summary>
    public async Task RevokeApiKeyAsync(string userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await Find(users, userId);
        user.ApiKeyHash = null;
        user.ApiKeyCreatedUtc = null;
        Check(await users.UpdateAsync(user));
    }

    /// <summary>Locks the user out (no sign-in, no API key) or lets them back in.</summary>
    public async Task SetLockedAsync(string userId, bool locked)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        var user = await Find(users, userId);
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null));
        if (locked) Check(await users.UpdateSecurityStampAsync(user));
    }

    private static UserManager<EtlUser> Users(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<UserManager<EtlUser>>();

    private static async Task<EtlUser> Find(UserManager<EtlUser> users, string id) =>
        await users.FindByIdAsync(id) ?? throw new InvalidOperationException($"User {id} no longer exists");

    private static string CheckRole(string role) =>
        AuthorizationRegistration.AllRoles.Contains(role) ? role : throw new ArgumentException($"Unknown role '{role}'", nameof(role));

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}

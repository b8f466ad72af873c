using EtlStudio.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Security.Authentication;

/// <summary>Creates the first Admin while no user exists. There is no built-in account or password; once any user
/// exists this does nothing and <c>/setup</c> answers 404.</summary>
internal sealed class FirstRunSetup(IServiceScopeFactory scopes)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public async Task<bool> IsNeededAsync()
    {
        if (_done) return false;
        await using var scope = scopes.CreateAsyncScope();
        _done = await scope.ServiceProvider.GetRequiredService<UserManager<EtlUser>>().Users.AnyAsync();
        return !_done;
    }

    /// <summary>Null when setup is over (someone else finished first); otherwise the result of creating the Admin.</summary>
    public async Task<IdentityResult?> CreateAdminAsync(string email, string password)
    {
        // Two browsers submitting at once must not both become the first Admin.
        await _gate.WaitAsync();
        try
        {
            if (!await IsNeededAsync()) return null;
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<EtlUser>>();
            await RoleSetup.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
            var admin = new EtlUser { UserName = email, Email = email };
            var created = await users.CreateAsync(admin, password);
            if (!created.Succeeded) return created;
            var result = await users.AddToRoleAsync(admin, Roles.Admin);
            _done = result.Succeeded;
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }
}

using EtlStudio.Data;
using EtlStudio.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Security.Authentication;

/// <summary>ASP.NET Core Identity on the configuration database, signed in with its cookie.</summary>
internal static class LocalAccountsRegistration
{
    public static AuthenticationBuilder AddLocalAccounts(this AuthenticationBuilder authentication)
    {
        var services = authentication.Services;
        authentication.AddIdentityCookies();
        services.AddIdentityCore<EtlUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        // The stores get a context of their own per scope instead of a DbContext registered for everyone to inject.
        services.AddScoped<IdentityDbScope>();
        services.AddScoped<IUserStore<EtlUser>>(sp =>
            new UserStore<EtlUser, IdentityRole, EtlDbContext>(sp.GetRequiredService<IdentityDbScope>().Db, sp.GetService<IdentityErrorDescriber>()));
        services.AddScoped<IRoleStore<IdentityRole>>(sp =>
            new RoleStore<IdentityRole, EtlDbContext>(sp.GetRequiredService<IdentityDbScope>().Db, sp.GetService<IdentityErrorDescriber>()));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = AccountPaths.Login;
            o.LogoutPath = AccountPaths.Logout;
            o.AccessDeniedPath = AccountPaths.AccessDenied;
            o.Cookie.Name = "EtlStudio.Auth";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events = ApiAwareCookieEvents.Create();
        });
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddSingleton<FirstRunSetup>();
        return authentication;
    }

    private sealed class IdentityDbScope(IDbContextFactory<EtlDbContext> contexts) : IAsyncDisposable
    {
        public EtlDbContext Db { get; } = contexts.CreateDbContext();

        public ValueTask DisposeAsync() => Db.DisposeAsync();
    }
}

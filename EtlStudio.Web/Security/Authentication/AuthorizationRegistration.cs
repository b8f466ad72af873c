using Microsoft.AspNetCore.Authorization;

namespace EtlStudio.Web.Security.Authentication;

/// <summary>The four policies over the role ladder Admin ⊃ Editor ⊃ Operator ⊃ Viewer, and the fallback that
/// makes every endpoint without its own rule require a signed-in user.</summary>
internal static class AuthorizationRegistration
{
    public static IServiceCollection AddEtlAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.View, p => p.RequireRole(Roles.Viewer, Roles.Operator, Roles.Editor, Roles.Admin))
            .AddPolicy(Policies.Run, p => p.RequireRole(Roles.Operator, Roles.Editor, Roles.Admin))
            .AddPolicy(Policies.Edit, p => p.RequireRole(Roles.Editor, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    /// <summary>Roles from the highest down, for pickers.</summary>
    public static IReadOnlyList<string> AllRoles { get; } = [Roles.Admin, Roles.Editor, Roles.Operator, Roles.Viewer];
}

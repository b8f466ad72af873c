using EtlStudio.Web.Security.HttpGuard;
using EtlStudio.Web.Security.Secrets;

namespace EtlStudio.Web.Security;

/// <summary>Everything security registers: secrets, the HTTP source guard, sign-in, authorization and audit.</summary>
public static class SecurityExtensions
{
    /// <summary>Registers the security services. Call before <c>Build()</c>.</summary>
    public static IHostApplicationBuilder AddSecurity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSecretProtection();
        builder.Services.AddHttpGuard();
        return builder;
    }
}

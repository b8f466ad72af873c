using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EtlStudio.Web.Security.Audit;

internal static class AuditRegistration
{
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        // Registered as an EF interceptor: the configuration database's context factory adds every IInterceptor.
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<AuditInterceptor>());
        services.AddSingleton<AuditLogQuery>();
        return services;
    }
}

using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Sources.Http;
using EtlStudio.Web.Runs;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Security.HttpGuard;

/// <summary>The SSRF guard for every outbound HTTP client that goes where users point it (HTTP sources, webhooks).</summary>
public static class HttpGuardRegistration
{
    internal static IServiceCollection AddHttpGuard(this IServiceCollection services)
    {
        services.AddOptions<HttpGuardSettings>().BindConfiguration(HttpGuardSettings.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpGuardSettings>, HttpGuardSettingsValidator>();
        services.AddSingleton(sp => new SsrfGuard(new HttpAllowList(sp.GetRequiredService<IOptions<HttpGuardSettings>>().Value.HttpAllowList)));
        // The HTTP sources' typed client (AddEtlSources) is guarded by name, whoever registers it and in whatever order.
        services.AddHttpClient(nameof(ISourceFactory)).UseSsrfGuard();
        // Group failure webhooks go to user-given URLs too.
        services.AddHttpClient(FailureNotifier.HttpClientName).UseSsrfGuard();
        return services;
    }

    /// <summary>Sends this client's requests through <see cref="SsrfGuard"/>: <c>services.AddEtlSources().UseSsrfGuard()</c>,
    /// and the same on the webhook client.</summary>
    public static IHttpClientBuilder UseSsrfGuard(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<SsrfGuard>().CreateHandler());
    }
}

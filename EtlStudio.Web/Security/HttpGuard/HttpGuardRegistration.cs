using EtlStudio.Engine.Sources.Http;
using EtlStudio.Web.Security.Secrets;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Security.HttpGuard;

/// <summary>The SSRF guard on every outbound HTTP client of <see cref="IHttpClientFactory"/>, whoever registers it and
/// in whatever order (eShop's <c>ConfigureHttpClientDefaults</c>): HTTP sources, connection tests, webhooks and any
/// client added later are guarded unless <see cref="UnguardedClients"/> names them.</summary>
public static class HttpGuardRegistration
{
    /// <summary>The only clients that bypass the guard: they reach infrastructure the operator configured (Key Vault,
    /// the OpenTelemetry collector, often on loopback or a private network), never a URL a user typed. Adding a name
    /// here is a security decision; <c>HttpGuardWiringTests</c> checks every other registered client is guarded.</summary>
    public static IReadOnlyList<string> UnguardedClients { get; } =
        [KeyVaultKeyClient.HttpClientName, "OtlpTraceExporter", "OtlpMetricExporter", "OtlpLogExporter"];

    internal static IServiceCollection AddHttpGuard(this IServiceCollection services)
    {
        services.AddOptions<HttpGuardSettings>().BindConfiguration(HttpGuardSettings.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpGuardSettings>, HttpGuardSettingsValidator>();
        services.AddSingleton(sp => new SsrfGuard(new HttpAllowList(sp.GetRequiredService<IOptions<HttpGuardSettings>>().Value.HttpAllowList)));
        // Defaults run before each client's own configuration, so the opt-outs below replace the guarded handler.
        services.ConfigureHttpClientDefaults(http => http.UseSsrfGuard());
        foreach (var name in UnguardedClients)
        {
            services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler());
        }
        return services;
    }

    /// <summary>Sends this client's requests through <see cref="SsrfGuard"/>. Every client has it by default; call it on
    /// a client built outside this application's service collection.</summary>
    public static IHttpClientBuilder UseSsrfGuard(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<SsrfGuard>().CreateHandler());
    }
}

using EtlStudio.Engine.Sources.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EtlStudio.Engine.Sources;

/// <summary>Registers the source factory with a named <see cref="HttpClient"/>.</summary>
public static class SourcesServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ISourceFactory"/> as a typed HTTP client and <paramref name="httpOptions"/>
    /// (defaults when null) unless options are already registered.</summary>
    /// <returns>The client builder, so the host can set the primary handler (e.g. an SSRF guard) with
    /// <c>ConfigurePrimaryHttpMessageHandler</c>. No resilience handler belongs on it: the sources retry themselves.</returns>
    public static IHttpClientBuilder AddEtlSources(this IServiceCollection services, HttpSourceOptions? httpOptions = null)
    {
        services.TryAddSingleton(httpOptions ?? new HttpSourceOptions());
        return services.AddHttpClient<ISourceFactory, SourceFactory>();
    }
}

using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Preview;
using EtlStudio.Engine.Sources;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EtlStudio.Web.Flows;

/// <summary>Services of the flow designer.</summary>
internal static class DesignerExtensions
{
    public static IServiceCollection AddFlowDesigner(this IServiceCollection services)
    {
        services.TryAddSingleton<FlowService>();
        services.TryAddSingleton<FlowList>();
        services.TryAddSingleton<FlowDefinitionFactory>();
        services.TryAddSingleton<FlowDryRun>();
        services.TryAddSingleton<FlowSchema>();
        // FlowSchema logs who changed a table; security registers the same when it is present.
        services.AddHttpContextAccessor();
        services.TryAddSingleton<Security.Authentication.CurrentUser>();
        services.AddScoped<DesignerData>();
        services.AddScoped<DesignerPreview>();
        services.AddScoped<DesignerModelFactory>();
        services.AddTransient<FlowPreview>();
        // The engine's sources and loaders; the runtime registers them as well when it is present (TryAdd keeps one).
        if (!services.Any(d => d.ServiceType == typeof(ISourceFactory))) services.AddEtlSources();
        services.TryAddSingleton<ILoaderFactory>(sp => new LoaderFactory(sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }
}

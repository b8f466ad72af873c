using EtlStudio.Web.Connections;
using EtlStudio.Web.Flows;
using EtlStudio.Web.Runs;
using EtlStudio.Web.Triggers;

using EtlStudio.Web.Dashboard;

namespace EtlStudio.Web.Components.Pages;

/// <summary>Services of the Connections, Flows, Runs and Dashboard pages.</summary>
internal static class FeaturePagesExtensions
{
    public static IServiceCollection AddFeaturePages(this IServiceCollection services)
    {
        services.AddConnectionsFeature();
        services.AddFlowDesigner();
        services.AddScoped<RunDetailData>();
        services.AddSingleton<RunEndWait>();
        services.AddScoped<DashboardData>();
        services.AddScoped<TriggerService>();
        services.AddScoped<RunListQuery>();
        return services;
    }
}

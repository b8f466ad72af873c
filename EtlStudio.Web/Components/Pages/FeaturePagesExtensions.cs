using EtlStudio.Web.Components.Pages.Connections;
using EtlStudio.Web.Components.Pages.Dashboard;
using EtlStudio.Web.Components.Pages.Runs;
using EtlStudio.Web.Designer;

namespace EtlStudio.Web.Components.Pages;

/// <summary>Services of the Connections, Flows, Runs and Dashboard pages.</summary>
internal static class FeaturePagesExtensions
{
    public static IServiceCollection AddFeaturePages(this IServiceCollection services)
    {
        services.AddConnectionPages();
        services.AddFlowDesigner();
        services.AddScoped<RunDetailData>();
        services.AddScoped<DashboardData>();
        return services;
    }
}

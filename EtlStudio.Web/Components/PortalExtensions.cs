using EtlStudio.Web.Components.Controls;
using EtlStudio.Web.Components.Pages;
using EtlStudio.Web.Groups;
using EtlStudio.Web.Runs;
using EtlStudio.Web.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace EtlStudio.Web.Components;

/// <summary>The Blazor Server portal: components, MudBlazor and the services its pages use.</summary>
internal static class PortalExtensions
{
    public static IHostApplicationBuilder AddPortal(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(c => c.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight);
        // Pages read "now" through TimeProvider so tests can fix it (next fire times around DST changes).
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<GroupStore>();
        builder.Services.AddScoped<PortalAuthorization>();
        builder.Services.AddFeaturePages();
        return builder;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        // Plain http on localhost is the default (see launchSettings); put TLS in front with a reverse proxy.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseSecurity();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapSecurityEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapRunArtifacts();
        return app;
    }
}

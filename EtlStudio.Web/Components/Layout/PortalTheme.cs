using MudBlazor;

namespace EtlStudio.Web.Components.Layout;

/// <summary>System fonts only: the portal must work without internet access (no Google Fonts).</summary>
internal static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}

using EtlStudio.Testing;
using Microsoft.Playwright;

namespace EtlStudio.Browser.Tests;

/// <summary>Full-page screenshots of each step under <c>artifacts/screenshots/</c> in the checkout, for people to look at.</summary>
internal static class Screenshots
{
    public static string Folder { get; } = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", "screenshots")).FullName;

    public static async Task SaveAsync(IPage page, string name)
    {
        // A full-page shot of a scrolled page paints the fixed app bar and drawer mid-page.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }
}

using EtlStudio.Testing;
using Microsoft.Playwright;

namespace EtlStudio.Browser.Tests;

/// <summary>Full-page screenshots of each step under <c>artifacts/screenshots/</c> in the checkout, for people to look at.</summary>
internal static class Screenshots
{
    public static string Folder { get; } = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", "screenshots")).FullName;

    public static Task SaveAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
}

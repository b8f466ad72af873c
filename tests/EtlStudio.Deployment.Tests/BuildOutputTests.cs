using System.Text.RegularExpressions;
using EtlStudio.Testing;

namespace EtlStudio.Deployment.Tests;

/// <summary>The portal started from its build output outside Development (issue #12: it served no CSS or JavaScript,
/// and read its settings from whatever folder it was started in).</summary>
public sealed partial class BuildOutputTests
{
    [Fact]
    public async Task The_built_portal_in_Production_serves_every_stylesheet_and_script_its_pages_link()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var portal = await BuiltPortal.StartAsync(cancellationToken);
        var page = await portal.Client.GetStringAsync("setup", cancellationToken);
        var links = Assets().Matches(page).Select(m => m.Groups[1].Value).Where(url => url.EndsWith(".css", StringComparison.Ordinal) || url.EndsWith(".js", StringComparison.Ordinal)).ToList();

        var served = new List<string>();
        foreach (var link in links)
        {
            using var response = await portal.Client.GetAsync(link, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            served.Add($"{link} {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {body.Length} bytes");
        }

        var report = string.Join('\n', served);
        foreach (var (name, extension, type) in new[]
        {
            ("_content/MudBlazor/MudBlazor.min.", ".css", "text/css"), ("_content/MudBlazor/MudBlazor.min.", ".js", "text/javascript"),
            ("app.", ".css", "text/css"), ("EtlStudio.Web.", ".styles.css", "text/css"), ("_framework/blazor.web.", ".js", "text/javascript"),
        })
        {
            var line = served.SingleOrDefault(l => l.StartsWith(name, StringComparison.Ordinal) && l.Split(' ')[0].EndsWith(extension, StringComparison.Ordinal));
            Assert.True(line is not null, $"/setup links no {name}…{extension}:\n{report}");
            Assert.Matches($" 200 {Regex.Escape(type)} [1-9][0-9]{{2,}} bytes$", line);
        }
    }

    [Fact]
    public async Task The_built_portal_started_from_another_folder_reads_the_settings_beside_its_dll_and_serves_a_favicon()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var portal = await BuiltPortal.StartAsync(cancellationToken);

        using var favicon = await portal.Client.GetAsync("favicon.ico", cancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, favicon.StatusCode);
        Assert.Equal("image/x-icon", favicon.Content.Headers.ContentType?.MediaType);
        var appFolder = Path.GetDirectoryName(RepoPaths.WebApp)!;
        Assert.Contains("Content root path: " + appFolder, portal.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(portal.Folder, "etl.db")), "the database is not in the folder the settings name");
    }

    [GeneratedRegex("(?:href|src)=\"([^\"]+)\"")]
    private static partial Regex Assets();
}

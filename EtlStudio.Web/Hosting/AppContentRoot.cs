using Microsoft.AspNetCore.Hosting;

namespace EtlStudio.Web.Hosting;

/// <summary>Where the app finds appsettings.json, Samples/ and its relative data paths, however it is started:
/// <c>dotnet run</c> (the project folder), the built or published dll from any folder (the dll's folder), or an
/// explicit <c>--contentRoot</c> / <c>ASPNETCORE_CONTENTROOT</c>.</summary>
internal static class AppContentRoot
{
    private const string SettingsFile = "appsettings.json";

    public static WebApplicationOptions Options(string[] args) => new() { Args = args, ContentRootPath = Resolve(args) };

    /// <summary>Null leaves the host's own rule (explicit setting, else the current folder); the dll's folder when
    /// the current folder is not the app's (no appsettings.json there), as when the dll is started from the checkout.</summary>
    public static string? Resolve(string[] args, string? currentDirectory = null, string? appDirectory = null)
    {
        var explicitRoot = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[WebHostDefaults.ContentRootKey];
        if (!string.IsNullOrEmpty(explicitRoot)) return null;
        currentDirectory ??= Directory.GetCurrentDirectory();
        appDirectory ??= AppContext.BaseDirectory;
        if (File.Exists(Path.Combine(currentDirectory, SettingsFile)) || !File.Exists(Path.Combine(appDirectory, SettingsFile))) return null;
        return appDirectory;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using EtlStudio.Testing;

namespace EtlStudio.Deployment.Tests;

/// <summary>The portal's built dll started with <c>dotnet</c> as a user would: Production, from a throwaway folder
/// (not the app's), its database, key ring and staging in that folder, on a free loopback port.</summary>
public sealed class BuiltPortal : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private BuiltPortal(string folder, int port)
    {
        Folder = folder;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepoPaths.WebApp);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = Client.BaseAddress.ToString();
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(folder, "etl.db")}";
        start.Environment["DataProtection__KeysFolder"] = Path.Combine(folder, "keys");
        start.Environment["Staging__Path"] = Path.Combine(folder, "staging");
        start.Environment["Demo__Seed"] = "false";
        start.Environment["Kafka__Enabled"] = "false";
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet " + RepoPaths.WebApp);
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The folder the portal was started from, holding its data.</summary>
    public string Folder { get; }

    public HttpClient Client { get; }

    /// <summary>Everything the portal printed so far.</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<BuiltPortal> StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(RepoPaths.WebApp)) throw new InvalidOperationException($"{RepoPaths.WebApp} is missing: build EtlStudio.Web first.");
        var portal = new BuiltPortal(Directory.CreateTempSubdirectory("etl-built-portal-").FullName, FreePort.Next());
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (portal._process.HasExited) throw new InvalidOperationException($"The portal exited with {portal._process.ExitCode}:\n{portal.Output}");
            try
            {
                using var response = await portal.Client.GetAsync("setup", cancellationToken);
                return portal;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}

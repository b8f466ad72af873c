using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using EtlStudio.Testing;

namespace EtlStudio.Benchmarks.EndToEnd;

/// <summary>The portal's build output started with <c>dotnet</c> as a child process (Production, Kafka off unless overridden, no demo), its
/// configuration and Hangfire storage in a PostgreSQL database or a SQLite file, its key ring and staging in a throwaway folder.</summary>
internal sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private WebAppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Seconds from process start until <c>/healthz</c> answered.</summary>
    public double ReadySeconds { get; private set; }

    /// <summary>Everything the app printed so far (for failures).</summary>
    public string Output => string.Join('\n', _output.TakeLast(60));

    /// <summary>Starts the app and waits until <c>/healthz</c> answers 200.</summary>
    public static Task<WebAppProcess> StartAsync(string webApp, ConfigDatabase config, string folder, CancellationToken cancellationToken) =>
        StartAsync(webApp, config, folder, new Dictionary<string, string>(), cancellationToken);

    /// <summary>Starts the app with <paramref name="overrides"/> (environment-variable keys, e.g. <c>Kafka__Enabled</c>)
    /// on top of its usual settings, and waits until <c>/healthz</c> answers 200.</summary>
    public static async Task<WebAppProcess> StartAsync(string webApp, ConfigDatabase config, string folder,
        IReadOnlyDictionary<string, string> overrides, CancellationToken cancellationToken)
    {
        if (!File.Exists(webApp)) throw new InvalidOperationException($"{webApp} is missing: build EtlStudio.Web first.");
        var address = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(webApp);
        foreach (var (key, value) in Settings(config, folder, address).Concat(overrides)) start.Environment[key] = value;
        var started = Stopwatch.GetTimestamp();
        var app = new WebAppProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet " + webApp), address);
        using var client = new HttpClient { BaseAddress = address };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (app._process.HasExited) throw new InvalidOperationException($"the web app exited with {app._process.ExitCode}:\n{app.Output}");
            try
            {
                using var response = await client.GetAsync("healthz", cancellationToken);
                if (response.IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the web app did not answer /healthz within 2 minutes:\n{app.Output}");
            await Task.Delay(50, cancellationToken);
        }
        app.ReadySeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return app;
    }

    /// <summary>The settings a deployment would give it; the benchmark changes none of the app's defaults (its own
    /// environment passes through, e.g. <c>DOTNET_TieredPGO=0</c>).</summary>
    private static Dictionary<string, string> Settings(ConfigDatabase config, string folder, Uri address) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = address.ToString(),
        ["Database__Provider"] = config.Provider,
        ["Database__ConnectionString"] = config.ConnectionString,
        ["DataProtection__KeysFolder"] = Path.Combine(folder, "keys"),
        ["Staging__Path"] = Path.Combine(folder, "staging"),
        ["Demo__Seed"] = "false",
        ["Kafka__Enabled"] = "false",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>User + system CPU seconds of the app so far (the process is alive, so /proc has it).</summary>
    public double CpuSeconds()
    {
        var text = File.ReadAllText($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/stat");
        var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>Peak resident set (VmHWM) of the app so far, in bytes.</summary>
    public long PeakRssBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

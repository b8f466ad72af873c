using System.Globalization;
using EtlStudio.Benchmarks.EndToEnd;

namespace EtlStudio.Benchmarks.Scale;

/// <summary>N instances of the web app (child processes) on one configuration database, which also holds their shared
/// Hangfire storage, with one key ring and one staging folder, as a scaled-out deployment runs them. Each instance
/// runs its Kafka consumers and at most <see cref="ScaleOptions.PerInstance"/> Hangfire jobs at once.</summary>
internal sealed class ScaleCluster : IAsyncDisposable
{
    private readonly List<WebAppProcess> _apps = [];

    private ScaleCluster()
    {
    }

    public IReadOnlyList<WebAppProcess> Apps => _apps;

    /// <summary>Settings beside the app's usual ones: Kafka on, triggers read every second (so all instances join a new
    /// trigger's group within the mock broker's initial rebalance delay), and the instance's job capacity.</summary>
    public static Dictionary<string, string> Overrides(ScaleOptions options) => new()
    {
        ["Kafka__Enabled"] = "true",
        ["Kafka__TriggerPollSeconds"] = "1",
        ["Hangfire__WorkerCount"] = options.PerInstance.ToString(CultureInfo.InvariantCulture),
    };

    public static async Task<ScaleCluster> StartAsync(int instances, ScaleOptions options, ConfigDatabase config, string work, CancellationToken cancellationToken)
    {
        var cluster = new ScaleCluster();
        try
        {
            for (var i = 0; i < instances; i++)
            {
                cluster._apps.Add(await WebAppProcess.StartAsync(options.WebApp, config, work, Overrides(options), cancellationToken));
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Throws with the app's output when an instance died (a load would otherwise wait for ever).</summary>
    public void EnsureAlive()
    {
        if (_apps.FirstOrDefault(a => a.HasExited) is { } dead) throw new InvalidOperationException($"an instance exited:\n{dead.Output}");
    }

    public double CpuSeconds() => _apps.Sum(a => a.CpuSeconds());

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
    }
}

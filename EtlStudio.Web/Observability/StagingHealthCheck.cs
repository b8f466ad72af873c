using EtlStudio.Engine.Staging;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EtlStudio.Web.Observability;

/// <summary>The staging store (local folder or blob container) takes a write, a read and a delete.</summary>
internal sealed class StagingHealthCheck(IStagingStore store) : IHealthCheck
{
    // A run id no real run gets (runs use random GUIDs), so the probe never touches a run's artifacts.
    private static readonly Guid ProbeRun = new("00000000-0000-0000-0000-00000000beef");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using (var write = await store.OpenWriteAsync(ProbeRun, "healthz.txt", cancellationToken))
            {
                await write.WriteAsync("ok"u8.ToArray(), cancellationToken);
            }
            await using (var read = await store.OpenReadAsync(ProbeRun, "healthz.txt", cancellationToken))
            {
                _ = await read.ReadAsync(new byte[2], cancellationToken);
            }
            await store.DeleteRunAsync(ProbeRun, cancellationToken);
            return HealthCheckResult.Healthy($"{store.GetType().Name} is writable.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{store.GetType().Name} is not writable: {e.GetType().Name}: {e.Message}");
        }
    }
}

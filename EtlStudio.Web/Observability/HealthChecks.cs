using EtlStudio.Data;
using EtlStudio.Engine.Staging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EtlStudio.Web.Observability;

/// <summary>The configuration database answers and takes writes (<see cref="ConfigDatabaseWriteProbe"/>: an update of no
/// row, rolled back), since a read-only database answers every read and fails every save and run record. The description
/// names the problem, never the connection string.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<EtlDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The configuration database does not answer (check Database:ConnectionString).");
            }
            await ConfigDatabaseWriteProbe.ProbeAsync(db, cancellationToken);
            return HealthCheckResult.Healthy("The configuration database answers and takes writes.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ConfigDatabaseWriteProbe.IsReadOnly(e)
                ? HealthCheckResult.Unhealthy("The configuration database is read-only: saves and run records fail (check Database:ConnectionString and the database's or file's write permission).")
                : HealthCheckResult.Unhealthy($"The configuration database cannot be reached: {e.GetType().Name}.");
        }
    }
}

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

using EtlStudio.Data;
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

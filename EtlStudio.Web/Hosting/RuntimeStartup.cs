using EtlStudio.Engine.Sources;
using EtlStudio.Web.Runs;
using EtlStudio.Web.Scheduling;
using Hangfire;

namespace EtlStudio.Web.Hosting;

/// <summary>At start-up (after the database is migrated): marks runs left Running by a killed process as Abandoned
/// at once (<see cref="AbandonedRunSweeper.SweepAtStartUpAsync"/>), deletes temporary document copies killed processes left
/// (<see cref="TempCopies.SweepOrphans"/>),
/// brings every group's recurring job in line with the database, and registers the housekeeping jobs.</summary>
internal sealed class RuntimeStartup(IServiceProvider services, GroupScheduleSync schedules, IRecurringJobManager recurringJobs, ILogger<RuntimeStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using (var scope = services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AbandonedRunSweeper>().SweepAtStartUpAsync(cancellationToken);
        }
        var swept = TempCopies.SweepOrphans();
        if (swept > 0) RuntimeLog.TempCopiesSwept(logger, swept);
        await schedules.SyncAllAsync(cancellationToken);
        recurringJobs.AddOrUpdate<AbandonedRunSweeper>(AbandonedRunSweeper.RecurringJobId, s => s.SweepAsync(CancellationToken.None), Cron.Minutely());
        recurringJobs.AddOrUpdate<RetentionJob>(RetentionJob.RecurringJobId, r => r.PurgeAsync(CancellationToken.None), Cron.Daily(3));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

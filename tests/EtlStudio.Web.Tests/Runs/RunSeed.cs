using EtlStudio.Data;
using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Tests.RunPages;

/// <summary>Runs of one flow "Orders" in group "Nightly", one a day from 1 January 2027 at midnight UTC.</summary>
internal static class RunSeed
{
    public static async Task AddDailyRunsAsync(IDbContextFactory<EtlDbContext> contexts, int count, Func<int, RunStatus>? status, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var flow = new Flow { Name = "Orders", Group = new Group { Name = "Nightly", Cron = "0 2 * * *" } };
        db.Flows.Add(flow);
        await db.SaveChangesAsync(cancellationToken);
        for (var day = 1; day <= count; day++)
        {
            db.Runs.Add(new FlowRun { Id = Guid.NewGuid(), FlowId = flow.Id, FlowName = flow.Name, GroupId = flow.GroupId, Trigger = RunTrigger.Schedule,
                Status = status?.Invoke(day) ?? RunStatus.Succeeded, QueuedUtc = new DateTime(2027, 1, day, 0, 0, 0, DateTimeKind.Utc), RowsRead = day, RowsWritten = day });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>One run of no flow ("Orders", queued 1 March 2027 02:00 UTC) in <paramref name="status"/>; its id.</summary>
    public static async Task<Guid> AddRunAsync(IDbContextFactory<EtlDbContext> contexts, RunStatus status, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Runs.Add(new FlowRun { Id = id, FlowName = "Orders", Status = status, QueuedUtc = new DateTime(2027, 3, 1, 2, 0, 0, DateTimeKind.Utc) });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }
}

using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Groups;

/// <summary>Reads and writes groups for the Groups pages, a short-lived context per operation.</summary>
/// <remarks>Every change is followed by the group's schedule sync, so Hangfire's recurring job follows at once.</remarks>
internal sealed class GroupStore(IDbContextFactory<EtlDbContext> contexts, TimeProvider clock, GroupScheduleSync schedules)
{
    public async Task<List<GroupRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Groups.AsNoTracking().OrderBy(g => g.Name)
            .Select(g => new GroupRow(g.Id, g.Name, g.Description, g.Cron, g.TimeZone, g.Enabled, g.MaxParallelFlows, g.Flows.Count))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every flow with its latest run, keyed by group, in two queries whatever the number of flows.</summary>
    public async Task<ILookup<int, GroupFlowRow>> ListFlowsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The latest run's id is a scalar LIMIT 1 subquery per flow, served by the runs' (FlowId, QueuedUtc) index.
        // Projecting the whole run with FirstOrDefault instead makes EF number every run of the history (ROW_NUMBER
        // over the table) on each page load.
        var flows = await FlowsWithLastRunId(db).ToListAsync(cancellationToken);
        var ids = flows.Where(f => f.LastRunId is not null).Select(f => f.LastRunId!.Value).ToList();
        var runs = await db.Runs.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new LastRun(r.Id, r.Status, r.EndedUtc ?? r.StartedUtc ?? r.QueuedUtc))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        return flows.Select(f => new GroupFlowRow(f.Id, f.GroupId, f.Name, f.Enabled, f.LastRunId is { } id ? runs.GetValueOrDefault(id) : null))
            .ToLookup(f => f.GroupId);
    }

    internal static IQueryable<FlowWithLastRunId> FlowsWithLastRunId(EtlDbContext db) =>
        db.Flows.AsNoTracking().OrderBy(f => f.Order).ThenBy(f => f.Name)
            .Select(f => new FlowWithLastRunId(f.Id, f.GroupId, f.Name, f.Enabled,
                db.Runs.Where(r => r.FlowId == f.Id).OrderByDescending(r => r.QueuedUtc).Select(r => (Guid?)r.Id).FirstOrDefault()));

    internal sealed record FlowWithLastRunId(int Id, int GroupId, string Name, bool Enabled, Guid? LastRunId);

    public async Task<GroupForm?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        return group is null ? null : GroupForm.From(group);
    }

    /// <summary>Saves a validated form. Returns the saved id, or the message for a name that is taken.</summary>
    public async Task<(int Id, string? Conflict)> SaveAsync(GroupForm form, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await FindConflictAsync(db, form, cancellationToken) is { } taken) return (0, Duplicate(taken));
        var group = form.Id == 0 ? null : await db.Groups.FirstOrDefaultAsync(g => g.Id == form.Id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (group is null)
        {
            group = new Group { Name = form.Name, CreatedUtc = now };
            db.Groups.Add(group);
        }
        form.ApplyTo(group);
        group.UpdatedUtc = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Someone else took the name between the check and the insert.
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return (0, Duplicate(await FindConflictAsync(fresh, form, cancellationToken) ?? form.Name.Trim()));
        }
        await schedules.SyncGroupAsync(group.Id, cancellationToken);
        return (group.Id, null);
    }

    public async Task SetEnabledAsync(int id, bool enabled, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Groups.Where(g => g.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Enabled, enabled).SetProperty(g => g.UpdatedUtc, now), cancellationToken);
        await schedules.SyncGroupAsync(id, cancellationToken);
    }

    public async Task DeleteAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.Groups.Include(g => g.Flows).FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null) return;
        db.Groups.Remove(group);
        await db.SaveChangesAsync(cancellationToken);
        await schedules.SyncGroupAsync(id, cancellationToken);
    }

    /// <summary>The name of another group that the form's name clashes with, if any.</summary>
    internal static Task<string?> FindConflictAsync(EtlDbContext db, GroupForm form, CancellationToken cancellationToken)
    {
        // Case-insensitive: "Nightly" and "nightly" side by side would confuse people even where the index allows it.
        var name = form.Name.Trim().ToLower();
        return db.Groups.Where(g => g.Id != form.Id && g.Name.ToLower() == name).Select(g => g.Name).FirstOrDefaultAsync(cancellationToken);
    }

    internal static string Duplicate(string name) => $"A group named '{name}' already exists.";
}

using System.Runtime.CompilerServices;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Security.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EtlStudio.Web.Security.Audit;

/// <summary>Writes an <see cref="AuditEntry"/> for every configuration change in the same save (so a change and its
/// audit entry are stored together or not at all): who, when, entity, id, action and the changed properties.</summary>
/// <remarks>A new entity's database-generated id is known only after the save; its entry is completed right after
/// with a second, small save.</remarks>
internal sealed class AuditInterceptor(CurrentUser user, TimeProvider time) : SaveChangesInterceptor
{
    // Per context, the entries added by the save in progress: discarded if it fails (a retried save must not log
    // twice), completed with the generated ids if it succeeds.
    private readonly ConditionalWeakTable<DbContext, List<(AuditEntry Audit, EntityEntry Entry)>> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (CompleteIds(eventData.Context)) eventData.Context!.SaveChanges();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (CompleteIds(eventData.Context)) await eventData.Context!.SaveChangesAsync(cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Discard(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    private void Record(DbContext? context)
    {
        if (context is null) return;
        var who = user.Name;
        var at = time.GetUtcNow().UtcDateTime;
        var pending = new List<(AuditEntry, EntityEntry)>();
        foreach (var entry in context.ChangeTracker.Entries().Where(AuditedProperties.IsAudited).ToList())
        {
            var changes = AuditedProperties.Describe(entry);
            if (changes is null && entry.State == EntityState.Modified) continue;
            var key = entry.Metadata.FindPrimaryKey()!.Properties.Select(entry.Property).ToList();
            var audit = new AuditEntry
            {
                AtUtc = at,
                User = who,
                EntityType = EntityName(entry.Metadata.ClrType),
                EntityId = key.Exists(p => p.IsTemporary) ? null : string.Join(",", key.Select(p => p.CurrentValue)),
                Action = entry.State switch { EntityState.Added => "Create", EntityState.Deleted => "Delete", _ => "Update" },
                Changes = changes,
            };
            context.Add(audit);
            pending.Add((audit, entry));
        }
        if (pending.Count > 0) _pending.AddOrUpdate(context, pending);
    }

    private bool CompleteIds(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending)) return false;
        _pending.Remove(context);
        var completed = false;
        foreach (var (audit, entry) in pending.Where(p => p.Audit.EntityId is null))
        {
            audit.EntityId = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));
            completed = true;
        }
        return completed;
    }

    private void Discard(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending)) return;
        _pending.Remove(context);
        foreach (var (audit, _) in pending) context.Entry(audit).State = EntityState.Detached;
    }

    /// <summary>"User" for the account entity, generic Identity types without their arity (IdentityUserRole).</summary>
    public static string EntityName(Type type) =>
        type == typeof(EtlUser) ? "User" : type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name;
}

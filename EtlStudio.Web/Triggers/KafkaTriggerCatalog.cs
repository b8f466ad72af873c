using EtlStudio.Data;
using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Triggers;

/// <summary>Reads the triggers that should be consuming: enabled, on an enabled flow, with their connection.</summary>
internal sealed class KafkaTriggerCatalog(IDbContextFactory<EtlDbContext> contexts)
{
    public async Task<IReadOnlyList<KafkaTrigger>> LoadActiveAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.KafkaTriggers.AsNoTracking()
            .Include(t => t.Connection)
            .Include(t => t.Flow)
            .Where(t => t.Enabled && t.Flow!.Enabled)
            .OrderBy(t => t.Id)
            .ToListAsync(cancellationToken);
    }
}

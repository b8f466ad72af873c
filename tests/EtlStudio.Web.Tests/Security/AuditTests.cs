using System.Net.Http.Json;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Security;
using EtlStudio.Web.Security.Audit;
using EtlStudio.Web.Security.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using TestContext = Xunit.TestContext;

namespace EtlStudio.Web.Tests.Security;

public sealed class AuditTests : IAsyncDisposable
{
    private readonly EtlStudioHost _host = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IDbContextFactory<EtlDbContext> Contexts => _host.Services.GetRequiredService<IDbContextFactory<EtlDbContext>>();

    [Fact]
    public async Task Create_update_and_delete_are_logged_with_user_id_and_changes_and_the_secret_only_as_changed()
    {
        var key = await _host.CreateUserAsync("auditor@example.com", Roles.Admin);
        using var client = _host.Browser();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        using var response = await client.PostAsJsonAsync("/api/test/connection-lifecycle", new { name = "Warehouse", secret = "Sup3r-S3cret" }, Ct);
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<IdOnly>(Ct))!.Id;

        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var entries = await db.AuditEntries.Where(a => a.EntityType == "Connection").OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(["Create", "Update", "Delete"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("auditor@example.com", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (e.User, e.EntityId)));
        Assert.Contains("\"Name\":{\"old\":\"Warehouse\",\"new\":\"Warehouse (renamed)\"}", entries[1].Changes, StringComparison.Ordinal);
        Assert.Contains("\"Secret\":{\"old\":\"(changed)\",\"new\":\"(changed)\"}", entries[1].Changes, StringComparison.Ordinal);
        Assert.Contains("\"Secret\":{\"old\":null,\"new\":\"(changed)\"}", entries[0].Changes, StringComparison.Ordinal);
        Assert.All(entries, e => Assert.DoesNotContain("S3cret", e.Changes, StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs, line => line.Contains("Sup3r-S3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_save_logs_nothing_and_its_retry_logs_once()
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        db.Groups.Add(new Group { Name = "Nightly" });
        await db.SaveChangesAsync(Ct);
        var duplicate = new Group { Name = "Nightly" };
        db.Groups.Add(duplicate);

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        duplicate.Name = "Nightly 2";
        await db.SaveChangesAsync(Ct);

        await using var fresh = await Contexts.CreateDbContextAsync(Ct);
        var logged = await fresh.AuditEntries.Where(a => a.EntityType == "Group").Select(a => a.Changes).ToListAsync(Ct);
        Assert.Equal(2, logged.Count);
        Assert.Single(logged, c => c!.Contains("Nightly 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_history_is_not_configuration_and_is_not_logged()
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        db.Runs.Add(new FlowRun { Id = Guid.NewGuid(), FlowName = "f", TriggeredBy = "t", QueuedUtc = DateTime.UtcNow });
        await db.SaveChangesAsync(Ct);

        Assert.Empty(await db.AuditEntries.ToListAsync(Ct));
    }

    [Fact]
    public async Task Background_changes_are_logged_as_system_and_account_secrets_are_masked()
    {
        await _host.CreateUserAsync("new@example.com", Roles.Operator);

        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var user = await db.AuditEntries.SingleAsync(a => a.EntityType == "User" && a.Action == "Create", Ct);
        Assert.Equal(CurrentUser.System, user.User);
        Assert.Contains("\"PasswordHash\":{\"old\":null,\"new\":\"(changed)\"}", user.Changes, StringComparison.Ordinal);
        Assert.Contains("\"Email\":{\"old\":null,\"new\":\"new@example.com\"}", user.Changes, StringComparison.Ordinal);
        var key = await db.AuditEntries.SingleAsync(a => a.EntityType == "User" && a.Action == "Update" && a.Changes!.Contains("ApiKeyHash"), Ct);
        Assert.Contains("\"ApiKeyHash\":{\"old\":null,\"new\":\"(changed)\"}", key.Changes, StringComparison.Ordinal);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "IdentityUserRole" && a.Action == "Create", Ct));
    }

    [Fact]
    public async Task Query_filters_by_user_entity_type_and_time_and_pages_newest_first()
    {
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            for (var i = 0; i < 5; i++)
            {
                db.AuditEntries.Add(new AuditEntry { AtUtc = new DateTime(2026, 1, 1 + i, 0, 0, 0, DateTimeKind.Utc), User = i % 2 == 0 ? "ann" : "bob", EntityType = i < 3 ? "Flow" : "Group", EntityId = $"{i}", Action = "Update" });
            }
            await db.SaveChangesAsync(Ct);
        }
        var query = _host.Services.GetRequiredService<AuditLogQuery>();

        var (byUser, annTotal) = await query.PageAsync(new AuditFilter(User: "ann"), 0, 2, Ct);
        var (byType, _) = await query.PageAsync(new AuditFilter(EntityType: "Group"), 0, 10, Ct);
        var (byTime, _) = await query.PageAsync(new AuditFilter(FromUtc: new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), ToUtc: new DateTime(2026, 1, 4, 0, 0, 0, DateTimeKind.Utc)), 0, 10, Ct);

        Assert.Equal(3, annTotal);
        Assert.Equal(["4", "2"], byUser.Select(r => r.EntityId));
        Assert.Equal(["4", "3"], byType.Select(r => r.EntityId));
        Assert.Equal(["2", "1"], byTime.Select(r => r.EntityId));
        Assert.Equal(["Flow", "Group"], await query.EntityTypesAsync(Ct));
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private sealed record IdOnly(int Id);
}

using EtlStudio.Web.Groups;
using EtlStudio.Web.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Runtime.Tests;

/// <summary>The Groups pages save through <see cref="GroupStore"/>, which keeps the group's recurring job in step.</summary>
public sealed class GroupPageScheduleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Saving_disabling_enabling_and_deleting_a_group_in_the_portal_updates_its_schedule_at_once()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var sync = app.Get<GroupScheduleSync>();
        var store = new GroupStore(app.Get<IDbContextFactory<Data.EtlDbContext>>(), TimeProvider.System, sync);

        var (id, conflict) = await store.SaveAsync(new GroupForm { Name = "nightly", Cron = "0 2 * * *", TimeZone = "Europe/Amsterdam" }, Ct);
        var created = sync.NextExecution(id);
        var form = await store.FindAsync(id, Ct);
        form!.Cron = "15 3 * * *";
        await store.SaveAsync(form, Ct);
        var edited = sync.NextExecution(id);
        await store.SetEnabledAsync(id, false, Ct);
        var disabled = sync.NextExecution(id);
        await store.SetEnabledAsync(id, true, Ct);
        var enabled = sync.NextExecution(id);
        await store.DeleteAsync(id, Ct);

        Assert.Null(conflict);
        Assert.NotNull(created);
        Assert.NotEqual(created, edited);
        Assert.Null(disabled);
        Assert.Equal(edited, enabled);
        Assert.Null(sync.NextExecution(id));
    }

    [Fact]
    public void The_group_form_refuses_a_CRON_that_never_fires_under_the_CRON_field()
    {
        var errors = new GroupForm { Name = "x", Cron = "0 0 30 2 *", TimeZone = "UTC" }.Validate();

        Assert.Equal("The CRON expression '0 0 30 2 *' never fires (no date matches it).", Assert.Single(errors).Value);
        Assert.Equal(nameof(GroupForm.Cron), errors.Single().Key);
    }
}

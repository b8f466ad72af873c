using EtlStudio.Data.Entities;
using EtlStudio.Web.Dashboard;
using EtlStudio.Web.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Web.Tests.Dashboard;

public sealed class DashboardTests : PortalContext
{
    [Fact]
    public async Task Dashboard_data_has_running_runs_recent_failures_next_fires_and_rows_per_day()
    {
        // Clock: 2027-01-15 12:00 UTC.
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.Groups.Add(new Group { Name = "Amsterdam nightly", Cron = "30 2 * * *", TimeZone = "Europe/Amsterdam" });
            db.Groups.Add(new Group { Name = "Paused", Cron = "0 1 * * *", Enabled = false });
            db.Runs.AddRange(
                Run(RunStatus.Running, new DateTime(2027, 1, 15, 11, 59, 0), 0),
                Run(RunStatus.Failed, new DateTime(2027, 1, 15, 1, 0, 0), 0),
                Run(RunStatus.Failed, new DateTime(2027, 1, 13, 1, 0, 0), 0),
                Run(RunStatus.Succeeded, new DateTime(2027, 1, 14, 2, 30, 0), 1500),
                Run(RunStatus.Succeeded, new DateTime(2027, 1, 14, 3, 30, 0), 500),
                Run(RunStatus.Succeeded, new DateTime(2026, 12, 1, 3, 30, 0), 999));
            await db.SaveChangesAsync(Ct);
        }

        var view = await Services.GetRequiredService<DashboardData>().ReadAsync(Ct);

        Assert.Single(view.Running);
        Assert.Equal(new DateTime(2027, 1, 15, 1, 0, 0), Assert.Single(view.Failures).QueuedUtc);
        Assert.Equal(["2027-01-16 02:30 Europe/Amsterdam (UTC+01:00)", "2027-01-17 02:30 Europe/Amsterdam (UTC+01:00)", "2027-01-18 02:30 Europe/Amsterdam (UTC+01:00)"],
            view.NextFires.Select(f => f.Local));
        Assert.Equal(new DateTimeOffset(2027, 1, 16, 1, 30, 0, TimeSpan.Zero), view.NextFires[0].AtUtc);
        Assert.Equal(14, view.RowsPerDay.Count);
        Assert.Equal(new DateOnly(2027, 1, 2), view.RowsPerDay[0].Day);
        Assert.Equal(2000, view.RowsPerDay.Single(d => d.Day == new DateOnly(2027, 1, 14)).Rows);
        Assert.Equal(2000, view.RowsPerDay.Sum(d => d.Rows));
    }

    [Fact]
    public async Task Dashboard_page_lists_the_next_fires_of_enabled_groups()
    {
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.Groups.Add(new Group { Name = "Nightly", Cron = "0 6 * * *", TimeZone = "UTC" });
            await db.SaveChangesAsync(Ct);
        }
        var cut = Render<DashboardPage>();

        await cut.WaitForAssertionAsync(() => Assert.Equal(3, cut.FindAll("[aria-label='Next scheduled fires'] tbody tr").Count));
        Assert.Equal(["Nightly", "2027-01-16 06:00 UTC", "2027-01-16 06:00"],
            cut.Find("[aria-label='Next scheduled fires'] tbody tr").QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task Empty_dashboard_lists_say_what_is_true_after_a_successful_run()
    {
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.Runs.Add(Run(RunStatus.Succeeded, Clock.GetUtcNow().UtcDateTime.AddHours(-1), written: 5));
            await db.SaveChangesAsync(Ct);
        }
        var cut = Render<DashboardPage>();

        await cut.WaitForAssertionAsync(() => Assert.Contains("Nothing running.", cut.Find("[aria-label='Running now']").TextContent, StringComparison.Ordinal));
        Assert.Contains("No failures in the last 24 hours.", cut.Find("[aria-label='Failures in the last 24 hours']").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("No runs yet.", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Orders", cut.Find("[aria-label='Last runs']").TextContent, StringComparison.Ordinal);
    }

    private static FlowRun Run(RunStatus status, DateTime queued, long written) => new()
    {
        Id = Guid.NewGuid(), FlowName = "Orders", Trigger = RunTrigger.Schedule, Status = status,
        QueuedUtc = DateTime.SpecifyKind(queued, DateTimeKind.Utc), StartedUtc = DateTime.SpecifyKind(queued, DateTimeKind.Utc),
        EndedUtc = status is RunStatus.Running ? null : DateTime.SpecifyKind(queued.AddMinutes(5), DateTimeKind.Utc), RowsRead = written, RowsWritten = written,
    };
}

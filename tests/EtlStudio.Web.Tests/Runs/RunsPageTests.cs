using EtlStudio.Data.Entities;
using EtlStudio.Web.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EtlStudio.Web.Tests.RunPages;

public sealed class RunsPageTests : PortalContext
{
    // The run page starts resumes; these tests only read what it shows.
    public RunsPageTests() => Services.AddSingleton<IRunLauncher>(new RecordingRunLauncher());

    [Fact]
    public async Task Runs_list_asks_the_server_for_one_page_and_the_pager_shows_the_total()
    {
        await AddRunsAsync(30);
        Render<MudPopoverProvider>();
        var cut = Render<RunsPage>();

        await cut.WaitForAssertionAsync(() => Assert.Contains("1-25 of 30", cut.Markup));
        Assert.Equal(25, cut.FindAll("[aria-label='Runs'] tbody tr").Count);

        await cut.Find("button[aria-label='Next page']").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Contains("26-30 of 30", cut.Markup));
        var rows = cut.FindAll("[aria-label='Runs'] tbody tr");
        Assert.Equal(5, rows.Count);
        Assert.StartsWith("2027-01-05 00:00:00", rows[0].QuerySelector("td")!.TextContent.Trim());
        Assert.StartsWith("2027-01-01 00:00:00", rows[4].QuerySelector("td")!.TextContent.Trim());
    }

    [Fact]
    public async Task Filters_narrow_the_query_on_the_server()
    {
        await AddRunsAsync(30);
        var filter = new RunFilter { Status = RunStatus.Failed, FromUtc = new DateTime(2027, 1, 10, 0, 0, 0, DateTimeKind.Utc), ToUtc = new DateTime(2027, 1, 21, 0, 0, 0, DateTimeKind.Utc) };

        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var days = filter.Apply(db.Runs).Select(r => r.QueuedUtc.Day).OrderBy(d => d).ToList();

        // Every third day failed (3, 6, 9, …); of those, 12, 15 and 18 fall in [10th, 21st).
        Assert.Equal([12, 15, 18], days);
        Assert.Empty(new RunFilter { Trigger = RunTrigger.Kafka }.Apply(db.Runs).ToList());
        Assert.Equal(30, new RunFilter { GroupId = (await db.Groups.SingleAsync(Ct)).Id }.Apply(db.Runs).Count());
    }

    [Fact]
    public async Task Run_detail_shows_read_as_written_plus_rejected_and_pages_the_rejected_rows()
    {
        var id = Guid.NewGuid();
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.Runs.Add(new FlowRun { Id = id, FlowName = "Orders", Trigger = RunTrigger.Manual, TriggeredBy = "ann", Status = RunStatus.Succeeded,
                QueuedUtc = new DateTime(2027, 1, 15, 10, 0, 0, DateTimeKind.Utc), StartedUtc = new DateTime(2027, 1, 15, 10, 0, 1, DateTimeKind.Utc),
                EndedUtc = new DateTime(2027, 1, 15, 10, 0, 9, DateTimeKind.Utc), RowsRead = 1030, RowsWritten = 1000, RowsRejected = 30,
                Steps = [
                    new FlowRunStep { Name = "Load", Status = RunStatus.Succeeded, StartedUtc = new DateTime(2027, 1, 15, 10, 0, 1, DateTimeKind.Utc), DurationMs = 123_000, Error = "2 batches retried" },
                    new FlowRunStep { Name = "Map", Status = RunStatus.Succeeded, StartedUtc = new DateTime(2027, 1, 15, 10, 0, 2, DateTimeKind.Utc), DurationMs = 0 },
                    new FlowRunStep { Name = "Extract", Status = RunStatus.Succeeded, StartedUtc = new DateTime(2027, 1, 15, 10, 0, 3, DateTimeKind.Utc), DurationMs = 1234 },
                    new FlowRunStep { Name = "Parse", Status = RunStatus.Succeeded, StartedUtc = new DateTime(2027, 1, 15, 10, 0, 4, DateTimeKind.Utc), DurationMs = 350 }],
                Artifacts = [new RunArtifact { Name = "raw/001-orders.csv", Location = "/srv/etl/staging/secret-folder/raw/001-orders.csv", Length = 2048 }] });
            for (var i = 1; i <= 30; i++)
            {
                db.RejectedRows.Add(new RejectedRowRecord { RunId = id, Origin = "orders.csv", RowNumber = i * 10, Column = "amount", Value = $"x{i}", Reason = "not a valid Decimal" });
            }
            db.RunLogs.Add(new RunLogEntry { RunId = id, AtUtc = new DateTime(2027, 1, 15, 10, 0, 9, DateTimeKind.Utc), Level = "Information", Message = "Loaded 1000 rows" });
            await db.SaveChangesAsync(Ct);
        }
        Render<MudPopoverProvider>();
        var cut = Render<RunDetailPage>(p => p.Add(r => r.Id, id));

        await cut.WaitForAssertionAsync(() => Assert.Equal("1,030 read = 1,000 written + 30 rejected + 0 filtered", cut.Find("[data-testid='run-counts']").TextContent.Trim()));
        await cut.WaitForAssertionAsync(() => Assert.Contains("1-10 of 30", cut.Markup));
        var first = cut.Find("[aria-label='Rejected rows'] tbody tr").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["orders.csv", "10", "amount", "x1", "not a valid Decimal"], first);
        var steps = cut.FindAll("[aria-label='Steps'] tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(["Extract", "Parse", "Map", "Load"], steps.Select(s => s[0]));
        Assert.Equal(["1.2 s", "350 ms", "< 1 ms", "2 min 03 s"], steps.Select(s => s[3]));
        Assert.Equal("2 batches retried", steps[3][4]);
        var link = cut.Find("[aria-label='Staged artifacts'] a");
        Assert.Equal("raw/001-orders.csv", link.TextContent);
        Assert.Matches($"^/api/runs/{id}/artifacts/\\d+$", link.GetAttribute("href"));
        Assert.DoesNotContain("/srv/etl", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Loaded 1000 rows", cut.Find("[aria-label='Log']").TextContent);
    }

    [Theory]
    [InlineData(RunStatus.Succeeded, 1200L, 3400L, 0L, "1,200 inserted · 3,400 updated")]
    [InlineData(RunStatus.Failed, 2L, 3L, 0L, "2 inserted · 3 updated")]
    [InlineData(RunStatus.Succeeded, 4600L, 0L, 5000L, "Table replaced: 4,600 inserted, 5,000 old row(s) deleted")]
    [InlineData(RunStatus.Failed, 4600L, 0L, 5000L, null)]
    [InlineData(RunStatus.Succeeded, 4600L, 0L, 0L, null)]
    public async Task Run_detail_says_what_the_written_rows_did_to_the_table_only_when_it_says_more_than_written(
        RunStatus status, long inserted, long updated, long deleted, string? expected)
    {
        var id = Guid.NewGuid();
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.Runs.Add(new FlowRun { Id = id, FlowName = "Orders", Trigger = RunTrigger.Manual, Status = status, QueuedUtc = new DateTime(2027, 1, 15, 10, 0, 0, DateTimeKind.Utc),
                RowsRead = inserted + updated, RowsWritten = inserted + updated, RowsInserted = inserted, RowsUpdated = updated, RowsDeleted = deleted });
            await db.SaveChangesAsync(Ct);
        }
        Render<MudPopoverProvider>();
        var cut = Render<RunDetailPage>(p => p.Add(r => r.Id, id));

        await cut.WaitForAssertionAsync(() => Assert.NotNull(cut.Find("[data-testid='run-counts']")));
        Assert.Equal(expected, cut.FindAll("[data-testid='run-table-changes']").SingleOrDefault()?.TextContent.Trim());
    }

    [Fact]
    public async Task Run_detail_of_a_partitioned_run_lists_its_partitions_names_each_instance_by_machine_and_pid_and_says_where_its_work_is_recorded()
    {
        var id = Guid.NewGuid();
        var at = new DateTime(2027, 1, 15, 10, 0, 0, DateTimeKind.Utc);
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.Runs.Add(new FlowRun { Id = id, FlowName = "Orders", Trigger = RunTrigger.Manual, Status = RunStatus.Failed, QueuedUtc = at, Partitions = 2, RowsRead = 70, RowsWritten = 70 });
            db.RunPartitions.Add(new RunPartition { RunId = id, Index = 1, Files = "in/a.csv", FileCount = 1, Status = RunStatus.Succeeded, Executor = "web-1", Attempts = 1, RowsRead = 50, RowsWritten = 50 });
            db.RunPartitions.Add(new RunPartition { RunId = id, Index = 2, Files = "in/b.csv", FileCount = 1, Status = RunStatus.Failed, Executor = "web-2:4711:0f8c2a1e9b7d4c3aa1e2b3c4d5e6f708", Attempts = 2, RowsRead = 20, RowsWritten = 20, Error = "disk full" });
            await db.SaveChangesAsync(Ct);
        }
        Render<MudPopoverProvider>();
        var cut = Render<RunDetailPage>(p => p.Add(r => r.Id, id));

        await cut.WaitForAssertionAsync(() => Assert.Equal(2, cut.FindAll("[aria-label='Partitions'] tbody tr").Count));
        var rows = cut.FindAll("[aria-label='Partitions'] tbody tr").Select(tr => tr.TextContent).ToList();
        Assert.Contains("in/a.csv", rows[0]);
        Assert.Contains("web-2 (pid 4711)", rows[1]);
        Assert.DoesNotContain("0f8c2a1e", rows[1]);
        Assert.Equal("web-2:4711:0f8c2a1e9b7d4c3aa1e2b3c4d5e6f708", cut.Find("[aria-label='Partitions'] tbody tr:nth-child(2) td[data-label='Instance']").GetAttribute("title"));
        Assert.Contains("disk full", rows[1]);
        Assert.Equal("A partitioned run records its work per partition (Partitions, below).", cut.Find("[aria-label='Steps'] tbody tr").TextContent.Trim());
    }

    private Task AddRunsAsync(int count) =>
        RunSeed.AddDailyRunsAsync(Contexts, count, day => day % 3 == 0 ? RunStatus.Failed : RunStatus.Succeeded, Ct);
}

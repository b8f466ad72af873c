using System.Text.RegularExpressions;
using EtlStudio.Data.Entities;
using Group = EtlStudio.Data.Entities.Group;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EtlStudio.Browser.Tests;

/// <summary>Runs list, run detail and dashboard over a run recorded in the database (as the runtime records it).</summary>
public sealed class RunPagesTests(PortalServer server, Chromium chromium) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await chromium.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = 1440, Height = 900 } });
        await server.SignInAsync(_context);
        _page = await _context.NewPageAsync();
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task A_failed_run_is_found_by_filter_and_its_detail_shows_counts_steps_and_rejected_rows()
    {
        var name = $"Invoices {Guid.NewGuid():N}"[..17];
        var runId = await AddRunAsync(name);

        await OpenAsync("runs");
        await _page.GetByRole(AriaRole.Combobox, new() { Name = "Filter by status", Exact = true }).ClickAsync();
        await _page.GetByRole(AriaRole.Option, new() { Name = "Failed", Exact = true }).ClickAsync();
        var row = _page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(row).ToBeVisibleAsync();
        await Screenshots.SaveAsync(_page, "20-runs-filtered");

        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Expect(_page).ToHaveURLAsync(new Regex($"/runs/{runId}$"));
        await Expect(_page.GetByTestId("run-counts")).ToHaveTextAsync("120 read = 100 written + 12 rejected + 0 filtered");
        await Expect(_page.GetByText("8 row(s) read were neither written nor rejected")).ToBeVisibleAsync();
        await Expect(_page.GetByLabel("Rejected rows")).ToContainTextAsync("1-10 of 12");
        await Expect(_page.GetByLabel("Steps")).ToContainTextAsync("Load");
        await Expect(_page.GetByRole(AriaRole.Link, new() { Name = "raw/001-invoices.csv" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(_page, "21-run-detail");

        await OpenAsync("");
        await Expect(_page.GetByLabel("Failures in the last 24 hours").GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToBeVisibleAsync();
        await Expect(_page.GetByLabel("Next scheduled fires")).ToContainTextAsync(name);
        await Screenshots.SaveAsync(_page, "22-dashboard");
    }

    private async Task<Guid> AddRunAsync(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await server.Contexts.CreateDbContextAsync(ct);
        var flow = new Flow { Name = name, Group = new Group { Name = name, Cron = "15 3 * * *", TimeZone = "Europe/Amsterdam" } };
        db.Flows.Add(flow);
        await db.SaveChangesAsync(ct);
        var now = DateTime.UtcNow;
        var run = new FlowRun
        {
            Id = Guid.NewGuid(), FlowId = flow.Id, FlowName = name, GroupId = flow.GroupId, Trigger = RunTrigger.Schedule, TriggeredBy = "schedule",
            Status = RunStatus.Failed, QueuedUtc = now.AddMinutes(-10), StartedUtc = now.AddMinutes(-10), EndedUtc = now.AddMinutes(-9),
            RowsRead = 120, RowsWritten = 100, RowsRejected = 12, Error = "invoices.csv: batch 2 failed: duplicate key value violates unique constraint \"invoices_pkey\"",
            Steps =
            [
                new FlowRunStep { Name = "Extract", Status = RunStatus.Succeeded, StartedUtc = now.AddMinutes(-10), DurationMs = 420 },
                new FlowRunStep { Name = "Load", Status = RunStatus.Failed, StartedUtc = now.AddMinutes(-10), DurationMs = 3100, Error = "duplicate key" },
            ],
            Artifacts = [new RunArtifact { Name = "raw/001-invoices.csv", Location = "staging/raw/001-invoices.csv", Length = 5120 }],
        };
        db.Runs.Add(run);
        for (var i = 1; i <= 12; i++)
        {
            db.RejectedRows.Add(new RejectedRowRecord { RunId = run.Id, Origin = "invoices.csv", RowNumber = i * 7, Column = "amount", Value = $"{i}O.00", Reason = "not a valid Decimal" });
        }
        db.RunLogs.Add(new RunLogEntry { RunId = run.Id, AtUtc = now.AddMinutes(-9), Level = "Error", Message = "Load failed at batch 2" });
        await db.SaveChangesAsync(ct);
        return run.Id;
    }

    private async Task OpenAsync(string path)
    {
        await _page.GotoAsync(path);
        await Expect(_page.GetByTestId("interactive")).ToBeAttachedAsync();
    }
}

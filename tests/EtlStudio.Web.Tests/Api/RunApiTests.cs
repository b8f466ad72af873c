using System.Net;
using System.Net.Http.Json;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Runs;
using EtlStudio.Web.Security;
using EtlStudio.Web.Tests.RunPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Web.Tests.Api;

public sealed class RunApiTests : ApiTest
{
    private int _source, _destination;

    private async Task<(int Group, int Flow)> ArrangeAsync()
    {
        var group = await CreateGroupAsync();
        (_source, _destination) = await CreateConnectionsAsync();
        return (group, await CreateFlowAsync(group, _source, _destination));
    }

    [Fact]
    public async Task Run_now_for_a_flow_is_accepted_with_the_run_id_and_its_location()
    {
        var (_, flow) = await ArrangeAsync();
        using var op = Host.Client(Roles.Operator, "olga");

        var response = await op.PostAsync($"/api/flows/{flow}/run", null, Ct);
        var body = await ReadAsync(response, HttpStatusCode.Accepted);
        var runId = body["runId"]!.GetValue<Guid>();

        Assert.Equal($"/api/runs/{runId}", response.Headers.Location!.ToString());
        Assert.Equal([$"flow {flow} Api olga"], Host.Launcher.Calls);
        var run = await GetAsync($"/api/runs/{runId}");
        Assert.Equal("Queued", run["status"]!.GetValue<string>());
        Assert.Equal("Api", run["trigger"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_now_for_a_group_is_accepted_with_a_run_per_enabled_flow()
    {
        var (group, _) = await ArrangeAsync();
        await CreateFlowAsync(group, _source, _destination, "Customers");

        var response = await Admin.PostAsync($"/api/groups/{group}/run", null, Ct);
        var body = await ReadAsync(response, HttpStatusCode.Accepted);

        Assert.Equal(2, body["runIds"]!.AsArray().Count);
        Assert.Equal($"/api/runs?groupId={group}", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Viewer_cannot_run_and_unknown_flow_is_404()
    {
        var (_, flow) = await ArrangeAsync();
        using var viewer = Host.Client(Roles.Viewer);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/flows/{flow}/run", null, Ct)).StatusCode);
        await ReadAsync(await Admin.PostAsync("/api/flows/999/run", null, Ct), HttpStatusCode.NotFound);
        Assert.Empty(Host.Launcher.Calls);
    }

    [Fact]
    public async Task Runs_list_pages_newest_first_and_filters()
    {
        var (group, flow) = await ArrangeAsync();
        var start = new DateTime(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var db = await Host.Contexts.CreateDbContextAsync(Ct))
        {
            for (var i = 0; i < 7; i++)
            {
                db.Runs.Add(new FlowRun
                {
                    Id = Guid.NewGuid(), FlowId = flow, FlowName = "Orders", GroupId = group, QueuedUtc = start.AddHours(i),
                    Status = i % 2 == 0 ? RunStatus.Succeeded : RunStatus.Failed, Trigger = i < 5 ? RunTrigger.Schedule : RunTrigger.Api,
                });
            }
            await db.SaveChangesAsync(Ct);
        }

        var page = await GetAsync($"/api/runs?flowId={flow}&page=2&pageSize=3");
        var failed = await GetAsync($"/api/runs?groupId={group}&status=Failed");
        var window = await GetAsync($"/api/runs?trigger=Schedule&from=2027-03-01T02:00:00Z&to=2027-03-01T04:00:00Z");

        Assert.Equal(7, page["total"]!.GetValue<int>());
        Assert.Equal([start.AddHours(3), start.AddHours(2), start.AddHours(1)], page["items"]!.AsArray().Select(r => r!["queuedUtc"]!.GetValue<DateTime>().ToUniversalTime()));
        Assert.Equal(3, failed["total"]!.GetValue<int>());
        Assert.Equal(2, window["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bad_paging_lists_both_problems()
    {
        var problem = await GetAsync("/api/runs?page=0&pageSize=10000", HttpStatusCode.BadRequest);

        Assert.Equal(["page", "pageSize"], ErrorKeys(problem));
    }

    [Theory]
    [InlineData("/api/runs?page=42949674", "page must be at most 42949672 with pageSize 50")]
    [InlineData("/api/runs?page=2147483647&pageSize=1", null)]
    [InlineData("/api/runs?page=4294968&pageSize=500", "page must be at most 4294967 with pageSize 500")]
    public async Task A_page_whose_offset_would_overflow_is_refused_instead_of_answering_page_one(string url, string? message)
    {
        if (message is null)
        {
            var page = await GetAsync(url);
            Assert.Empty(page["items"]!.AsArray());
            return;
        }
        var problem = await GetAsync(url, HttpStatusCode.BadRequest);

        Assert.Equal(["page"], ErrorKeys(problem));
        Assert.Contains(message, problem["errors"]!["page"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejected_rows_refuse_an_overflowing_page_too()
    {
        var problem = await GetAsync($"/api/runs/{Guid.NewGuid()}/rejects?page=42949674", HttpStatusCode.BadRequest);

        Assert.Equal(["page"], ErrorKeys(problem));
    }

    [Fact]
    public async Task Run_detail_has_steps_artifacts_and_paged_rejected_rows()
    {
        var (group, flow) = await ArrangeAsync();
        var id = Guid.NewGuid();
        var t = new DateTime(2027, 3, 1, 2, 0, 0, DateTimeKind.Utc);
        await using (var db = await Host.Contexts.CreateDbContextAsync(Ct))
        {
            db.Runs.Add(new FlowRun
            {
                Id = id, FlowId = flow, FlowName = "Orders", GroupId = group, QueuedUtc = t, StartedUtc = t, EndedUtc = t.AddSeconds(9),
                Status = RunStatus.Failed, RowsRead = 10, RowsWritten = 7, RowsRejected = 3, RowsInserted = 5, RowsUpdated = 2, Error = "reject threshold crossed",
                Steps = [new FlowRunStep { Name = "Load", Status = RunStatus.Failed, StartedUtc = t, Error = "boom" }, new FlowRunStep { Name = "Extract", Status = RunStatus.Succeeded, StartedUtc = t.AddSeconds(1), DurationMs = 40 }],
                Artifacts = [new RunArtifact { Name = "raw/00001-orders.csv", Location = "/srv/etl/staging/raw/00001-orders.csv", Length = 123 }],
            });
            for (var row = 1; row <= 3; row++) db.RejectedRows.Add(new RejectedRowRecord { RunId = id, Origin = "in/orders.csv", RowNumber = row * 10, Column = "amount", Value = "x" + row, Reason = "not a number" });
            await db.SaveChangesAsync(Ct);
        }

        var run = await GetAsync($"/api/runs/{id}");
        var rejects = await GetAsync($"/api/runs/{id}/rejects?page=2&pageSize=2");

        Assert.Equal(["Extract", "Load"], run["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        var artifact = run["artifacts"]![0]!;
        Assert.Equal(("raw/00001-orders.csv", 123L), (artifact["name"]!.GetValue<string>(), artifact["length"]!.GetValue<long>()));
        Assert.Equal($"/api/runs/{id}/artifacts/{artifact["id"]!.GetValue<long>()}", artifact["downloadUrl"]!.GetValue<string>());
        Assert.DoesNotContain("/srv/etl", run.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("reject threshold crossed", run["error"]!.GetValue<string>());
        Assert.Equal((5L, 2L, 0L), (run["rowsInserted"]!.GetValue<long>(), run["rowsUpdated"]!.GetValue<long>(), run["rowsDeleted"]!.GetValue<long>()));
        Assert.Equal(3, rejects["total"]!.GetValue<int>());
        Assert.Equal(30, Assert.Single(rejects["items"]!.AsArray())!["rowNumber"]!.GetValue<long>());
        await GetAsync($"/api/runs/{Guid.NewGuid()}", HttpStatusCode.NotFound);
        await GetAsync($"/api/runs/{Guid.NewGuid()}/rejects", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_run_read_with_waitSeconds_answers_when_the_run_ends()
    {
        var id = await RunSeed.AddRunAsync(Host.Contexts, RunStatus.Running, Ct);
        var notifier = Host.Services.GetRequiredService<IRunProgressNotifier>();

        var reading = Admin.GetAsync($"/api/runs/{id}?waitSeconds=30", Ct);
        await Task.Delay(300, Ct);
        Assert.False(reading.IsCompleted, "the read waits while the run is going");
        await using (var db = await Host.Contexts.CreateDbContextAsync(Ct))
        {
            await db.Runs.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Succeeded).SetProperty(r => r.RowsRead, 20), Ct);
        }
        notifier.Publish(new RunUpdate(id, null, RunStatus.Succeeded, null, 20, 20, 0, null, null, null));

        var run = await ReadAsync(await reading.WaitAsync(TimeSpan.FromSeconds(10), Ct), HttpStatusCode.OK);
        Assert.Equal(("Succeeded", 20L), (run["status"]!.GetValue<string>(), run["rowsRead"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_run_read_with_waitSeconds_answers_with_the_run_as_it_stands_when_the_time_is_up()
    {
        var id = await RunSeed.AddRunAsync(Host.Contexts, RunStatus.Queued, Ct);
        var started = DateTime.UtcNow;

        var run = await GetAsync($"/api/runs/{id}?waitSeconds=1");

        Assert.Equal("Queued", run["status"]!.GetValue<string>());
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(1), "answered before its wait was over");
        await GetAsync($"/api/runs/{Guid.NewGuid()}?waitSeconds=30", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("61")]
    [InlineData("soon")]
    public async Task A_wait_outside_0_to_60_seconds_is_refused_and_named(string seconds)
    {
        var id = await RunSeed.AddRunAsync(Host.Contexts, RunStatus.Running, Ct);

        var response = await Admin.GetAsync($"/api/runs/{id}?waitSeconds={seconds}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("waitSeconds", text, StringComparison.Ordinal);
        Assert.Contains(seconds, text, StringComparison.Ordinal);
    }


    [Fact]
    public async Task Cancel_asks_the_launcher_for_a_live_run_and_refuses_an_ended_one()
    {
        var (_, flow) = await ArrangeAsync();
        var queued = (await ReadAsync(await Admin.PostAsync($"/api/flows/{flow}/run", null, Ct), HttpStatusCode.Accepted))["runId"]!.GetValue<Guid>();
        var ended = Guid.NewGuid();
        await using (var db = await Host.Contexts.CreateDbContextAsync(Ct))
        {
            db.Runs.Add(new FlowRun { Id = ended, FlowId = flow, FlowName = "Orders", Status = RunStatus.Succeeded, QueuedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await Admin.PostAsync($"/api/runs/{queued}/cancel", null, Ct)).StatusCode);
        var conflict = await ReadAsync(await Admin.PostAsync($"/api/runs/{ended}/cancel", null, Ct), HttpStatusCode.Conflict);
        await ReadAsync(await Admin.PostAsync($"/api/runs/{Guid.NewGuid()}/cancel", null, Ct), HttpStatusCode.NotFound);

        Assert.Contains("already ended (Succeeded)", conflict["detail"]!.GetValue<string>());
        Assert.Contains($"cancel {queued} ada", Host.Launcher.Calls);
    }

    [Fact]
    public async Task Replay_is_accepted_with_the_new_run_and_refused_when_the_flow_is_gone()
    {
        var (_, flow) = await ArrangeAsync();
        var original = (await ReadAsync(await Admin.PostAsync($"/api/flows/{flow}/run", null, Ct), HttpStatusCode.Accepted))["runId"]!.GetValue<Guid>();

        var response = await Admin.PostAsync($"/api/runs/{original}/replay", null, Ct);
        var replay = (await ReadAsync(response, HttpStatusCode.Accepted))["runId"]!.GetValue<Guid>();
        Assert.Equal(original, (await GetAsync($"/api/runs/{replay}"))["replayOfRunId"]!.GetValue<Guid>());

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/flows/{flow}", Ct)).StatusCode);
        var gone = await ReadAsync(await Admin.PostAsync($"/api/runs/{original}/replay", null, Ct), HttpStatusCode.Conflict);
        Assert.Contains("deleted", gone["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reset_cursor_forgets_the_high_water_mark()
    {
        var (_, flow) = await ArrangeAsync();
        await using (var db = await Host.Contexts.CreateDbContextAsync(Ct))
        {
            (await db.Flows.FindAsync([flow], Ct))!.CursorValue = "2027-03-01T00:00:00Z";
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal("2027-03-01T00:00:00Z", (await GetAsync($"/api/flows/{flow}"))["cursorValue"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.PostAsync($"/api/flows/{flow}/reset-cursor", null, Ct)).StatusCode);

        Assert.Null((await GetAsync($"/api/flows/{flow}"))["cursorValue"]);
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Runs;

namespace EtlStudio.Runtime.Tests;

public sealed class FailureWebhookTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failing_run_posts_flow_run_id_error_and_link_to_the_group_webhook()
    {
        await using var hook = new TestHttpServer((_, _, _) => Task.FromResult((200, "1")));
        await using var app = await RuntimeApp.CreateAsync();
        var group = await TestData.GroupAsync(app, webhook: new Uri(hook.BaseUrl, "hooks/etl").ToString());
        var (flow, _, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events", f => f.DestinationTable = "missing_table");

        var run = await app.WaitForEndAsync(await app.Get<IRunLauncher>().RunFlowAsync(flow.Id, RunTrigger.Manual, Ct));
        var (method, path, body) = await ReceivedAsync(hook.Requests);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(("POST", "/hooks/etl"), (method, path));
        using var json = JsonDocument.Parse(body);
        var message = json.RootElement;
        Assert.Equal(flow.Name, message.GetProperty("flow").GetString());
        Assert.Equal(run.Id, message.GetProperty("runId").GetGuid());
        Assert.Equal(run.Error, message.GetProperty("error").GetString());
        Assert.Equal($"https://etl.example.test/runs/{run.Id}", message.GetProperty("link").GetString());
        Assert.Contains($"'{flow.Name}' failed", message.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("missing_table", message.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_that_fails_does_not_change_the_run_and_a_succeeding_run_calls_nothing()
    {
        await using var hook = new TestHttpServer((_, _, _) => Task.FromResult((500, "down")));
        await using var app = await RuntimeApp.CreateAsync();
        var group = await TestData.GroupAsync(app, webhook: hook.BaseUrl.ToString());
        var (failing, _, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events", f => f.DestinationTable = "missing_table");
        var (fine, _, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        var launcher = app.Get<IRunLauncher>();

        var succeeded = await app.WaitForEndAsync(await launcher.RunFlowAsync(fine.Id, RunTrigger.Manual, Ct));
        var failed = await app.WaitForEndAsync(await launcher.RunFlowAsync(failing.Id, RunTrigger.Manual, Ct));
        await ReceivedAsync(hook.Requests);

        Assert.Equal(RunStatus.Succeeded, succeeded.Status);
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Single(hook.Requests);
    }

    [Fact]
    public async Task An_abandoned_run_calls_the_webhook_too()
    {
        await using var hook = new TestHttpServer((_, _, _) => Task.FromResult((200, "1")));
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var group = await TestData.GroupAsync(app, webhook: hook.BaseUrl.ToString());
        var (flow, _, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        var runId = await AbandonedRunTests.InsertRunningAsync(app, flow, heartbeatAgo: TimeSpan.FromMinutes(10));

        await app.Get<AbandonedRunSweeper>().SweepAsync(Ct);
        var (_, _, body) = await ReceivedAsync(hook.Requests);

        Assert.Contains("was abandoned", body, StringComparison.Ordinal);
        Assert.Contains(runId.ToString(), body, StringComparison.Ordinal);
    }

    private static async Task<(string Method, string Path, string Body)> ReceivedAsync(ConcurrentQueue<(string, string, string)> requests)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!requests.TryPeek(out var request))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("The webhook was not called within 10 s.");
            await Task.Delay(50);
        }
        return requests.First();
    }
}

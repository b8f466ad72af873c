using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Flows;
using EtlStudio.Web.Runs;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Runtime.Tests;

public sealed class IncrementalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_runs_over_a_growing_table_load_each_row_once_and_a_failed_run_leaves_the_cursor()
    {
        await using var app = await RuntimeApp.CreateAsync();
        var group = await TestData.GroupAsync(app);
        var (flow, source, destination) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events WHERE id > @cursor ORDER BY id",
            f => { f.CursorField = "id"; f.RejectThresholdCount = 0; },
            targetDdl: "CREATE TABLE target (id INTEGER, name TEXT NOT NULL)");
        await using (var db = await app.DbAsync())
        {
            await db.ColumnMappings.Where(c => c.FlowId == flow.Id && c.TargetColumn == "name").ExecuteUpdateAsync(s => s.SetProperty(c => c.Required, true), Ct);
        }
        var launcher = app.Get<IRunLauncher>();
        await Sqlite.ExecAsync(source, "INSERT INTO events VALUES (1,'a'),(2,'b'),(3,'c')");

        var first = await app.WaitForEndAsync(await launcher.RunFlowAsync(flow.Id, RunTrigger.Manual, Ct));
        var afterFirst = await CursorAsync(app, flow.Id);
        await Sqlite.ExecAsync(source, "INSERT INTO events VALUES (4,'d'),(5,'e')");
        var second = await app.WaitForEndAsync(await launcher.RunFlowAsync(flow.Id, RunTrigger.Manual, Ct));
        var afterSecond = await CursorAsync(app, flow.Id);
        // Row 7 has no name: the reject threshold (0) fails the run after it extracted 6 and 7.
        await Sqlite.ExecAsync(source, "INSERT INTO events VALUES (6,'f'),(7,NULL)");
        var failed = await app.WaitForEndAsync(await launcher.RunFlowAsync(flow.Id, RunTrigger.Manual, Ct));

        Assert.Equal((RunStatus.Succeeded, 3L), (first.Status, first.RowsRead));
        Assert.Equal("3", afterFirst);
        Assert.Equal((RunStatus.Succeeded, 2L), (second.Status, second.RowsRead));
        Assert.Equal("5", afterSecond);
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal(2, failed.RowsRead);
        Assert.Equal("5", await CursorAsync(app, flow.Id));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], (await Sqlite.RowsAsync(destination)).Select(r => r.Id));
        Assert.Contains("Cursor id moved to 5.", await app.RunLogAsync(second.Id));
    }

    [Fact]
    public async Task Reset_cursor_makes_the_next_run_a_full_load()
    {
        await using var app = await RuntimeApp.CreateAsync();
        var group = await TestData.GroupAsync(app);
        var (flow, source, destination) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events WHERE id > @cursor",
            f => { f.CursorField = "id"; f.LoadMode = LoadMode.TruncateReplace; });
        await Sqlite.ExecAsync(source, "INSERT INTO events VALUES (1,'a'),(2,'b')");
        var launcher = app.Get<IRunLauncher>();
        await app.WaitForEndAsync(await launcher.RunFlowAsync(flow.Id, RunTrigger.Manual, Ct));
        Assert.Equal("2", await CursorAsync(app, flow.Id));

        await app.Get<FlowCursor>().ResetAsync(flow.Id, Ct);
        Assert.Null(await CursorAsync(app, flow.Id));
        var full = await app.WaitForEndAsync(await launcher.RunFlowAsync(flow.Id, RunTrigger.Manual, Ct));

        Assert.Equal((RunStatus.Succeeded, 2L), (full.Status, full.RowsRead));
        Assert.Equal(2, (await Sqlite.RowsAsync(destination)).Count);
    }

    [Fact]
    public async Task An_HTTP_source_gets_the_cursor_in_its_path_placeholder()
    {
        await using var api = new TestHttpServer((request, _, _) => Task.FromResult((200,
            request.QueryString["since"] is { Length: > 0 } ? """[{"id": 9, "name": "z"}]""" : """[{"id": 7, "name": "x"}, {"id": 8, "name": "y"}]""")));
        await using var app = await RuntimeApp.CreateAsync();
        var group = await TestData.GroupAsync(app);
        var http = await TestData.ConnectionAsync(app, new HttpSettings(api.BaseUrl));
        var destination = Path.Combine(app.Root, "http-dst.db");
        await Sqlite.ExecAsync(destination, "CREATE TABLE target (id INTEGER, name TEXT)");
        var flow = await TestData.FlowAsync(app, group, http, destination, "target", [("id", ColumnType.Long), ("name", ColumnType.String)], f =>
        {
            f.SourcePath = "items?since={cursor}";
            f.ParseFormat = ParseFormat.Json;
            f.CursorField = "id";
        });
        var launcher = app.Get<IRunLauncher>();

        await app.WaitForEndAsync(await launcher.RunFlowAsync(flow.Id, RunTrigger.Manual, Ct));
        await app.WaitForEndAsync(await launcher.RunFlowAsync(flow.Id, RunTrigger.Manual, Ct));

        Assert.Equal(["/items?since=", "/items?since=8"], api.Requests.Select(r => r.PathAndQuery));
        Assert.Equal("9", await CursorAsync(app, flow.Id));
        Assert.Equal([7L, 8L, 9L], (await Sqlite.RowsAsync(destination)).Select(r => r.Id));
    }

    private static async Task<string?> CursorAsync(RuntimeApp app, int flowId)
    {
        await using var db = await app.DbAsync();
        return await db.Flows.Where(f => f.Id == flowId).Select(f => f.CursorValue).FirstAsync();
    }
}

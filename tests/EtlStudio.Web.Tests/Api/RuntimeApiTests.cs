using System.Net;
using System.Net.Http.Json;
using EtlStudio.Web.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EtlStudio.Web.Tests.Api;

/// <summary>The API over the real runtime: launcher and schedule sync.</summary>
public sealed class RuntimeApiTests() : ApiTest(fakeLauncher: false)
{
    [Fact]
    public async Task Run_now_through_the_real_launcher_records_an_api_run_by_the_caller()
    {
        var group = await CreateGroupAsync();
        var (source, destination) = await CreateConnectionsAsync();
        var flow = await CreateFlowAsync(group, source, destination);
        var response = await Admin.PostAsync($"/api/flows/{flow}/run", null, Ct);
        var runId = (await ReadAsync(response, HttpStatusCode.Accepted))["runId"]!.GetValue<Guid>();
        var run = await GetAsync($"/api/runs/{runId}");
        Assert.Equal(flow, run["flowId"]!.GetValue<int>());
        Assert.Equal("Api", run["trigger"]!.GetValue<string>());
        Assert.Equal("ada", run["triggeredBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Creating_editing_and_deleting_a_group_through_the_api_moves_its_schedule()
    {
        var sync = Host.Services.GetRequiredService<GroupScheduleSync>();
        var id = await CreateGroupAsync();
        var created = sync.NextExecution(id);
        await PutAsync($"/api/groups/{id}", new { name = "Nightly", cron = "30 4 * * *", timeZone = "UTC" });
        var edited = sync.NextExecution(id);
        var exported = await GetAsync($"/api/groups/{id}/export");
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/groups/{id}", Ct)).StatusCode);
        var deleted = sync.NextExecution(id);
        var imported = (await ReadAsync(await Admin.PostAsJsonAsync("/api/groups/import", exported, Ct), HttpStatusCode.Created))["id"]!.GetValue<int>();
        Assert.NotNull(created);
        Assert.NotEqual(created, edited);
        Assert.Equal(4, edited!.Value.Hour);
        Assert.Null(deleted);
        Assert.NotNull(sync.NextExecution(imported));
    }
}

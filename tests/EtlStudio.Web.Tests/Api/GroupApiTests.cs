using System.Net;
using System.Net.Http.Json;
using EtlStudio.Web.Security;

namespace EtlStudio.Web.Tests.Api;

public sealed class GroupApiTests : ApiTest
{
    [Fact]
    public async Task Group_round_trips_through_create_get_update_list_and_delete()
    {
        var created = await PostAsync("/api/groups", Group("Nightly"));
        var id = created["id"]!.GetValue<int>();
        Assert.Equal("Europe/Amsterdam", created["timeZone"]!.GetValue<string>());

        var read = await GetAsync($"/api/groups/{id}");
        Assert.Equal("Loads overnight", read["description"]!.GetValue<string>());
        Assert.Equal(2, read["maxParallelFlows"]!.GetValue<int>());

        var updated = await PutAsync($"/api/groups/{id}", new { name = "Hourly", cron = "0 * * * *", timeZone = "utc", enabled = false, maxParallelFlows = 3 });
        Assert.Equal("Hourly", updated["name"]!.GetValue<string>());
        Assert.Equal("UTC", updated["timeZone"]!.GetValue<string>());
        Assert.False(updated["enabled"]!.GetValue<bool>());

        var list = await GetAsync("/api/groups");
        Assert.Equal("Hourly", Assert.Single(list.AsArray())!["name"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/groups/{id}", Ct)).StatusCode);
        await GetAsync($"/api/groups/{id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_response_points_at_the_new_group()
    {
        var response = await Admin.PostAsJsonAsync("/api/groups", Group(), Ct);
        var body = await ReadAsync(response, HttpStatusCode.Created);
        Assert.EndsWith($"/api/groups/{body["id"]}", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Invalid_group_lists_every_field_problem_by_json_name()
    {
        var problem = await PostAsync("/api/groups",
            new { name = " ", cron = "61 * * * *", timeZone = "Mars/Olympus", maxParallelFlows = 0, failureWebhookUrl = "ftp://x" }, HttpStatusCode.BadRequest);

        Assert.Equal(["cron", "failureWebhookUrl", "maxParallelFlows", "name", "timeZone"], ErrorKeys(problem));
        Assert.Contains("Mars/Olympus", Error(problem, "timeZone"));
        Assert.Equal(400, problem["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cron_that_never_fires_is_refused_with_that_reason()
    {
        var problem = await PostAsync("/api/groups", Group(cron: "0 0 30 2 *"), HttpStatusCode.BadRequest);

        Assert.Equal(["cron"], ErrorKeys(problem));
        Assert.Contains("never fires", Error(problem, "cron"));
    }

    [Fact]
    public async Task Duplicate_group_name_is_a_conflict_that_names_it()
    {
        await CreateGroupAsync("Nightly");

        var problem = await PostAsync("/api/groups", Group("NIGHTLY"), HttpStatusCode.Conflict);

        Assert.Contains("'Nightly'", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Renaming_onto_another_group_is_a_conflict()
    {
        await CreateGroupAsync("Nightly");
        var other = await CreateGroupAsync("Hourly");

        var problem = await PutAsync($"/api/groups/{other}", Group("Nightly"), HttpStatusCode.Conflict);

        Assert.Contains("'Nightly'", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_group_id_is_404_for_every_verb()
    {
        Assert.Equal("Group 99 does not exist.", (await GetAsync("/api/groups/99", HttpStatusCode.NotFound))["detail"]!.GetValue<string>());
        await PutAsync("/api/groups/99", Group(), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.DeleteAsync("/api/groups/99", Ct)).StatusCode);
        await GetAsync("/api/groups/99/export", HttpStatusCode.NotFound);
        await ReadAsync(await Admin.PostAsync("/api/groups/99/run", null, Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Viewer_reads_but_cannot_write_and_anonymous_is_refused()
    {
        var id = await CreateGroupAsync();
        using var viewer = Host.Client(Roles.Viewer);
        using var anonymous = Host.Client(roles: "");

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/groups/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/groups", Group("Other"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"/api/groups/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/groups", Ct)).StatusCode);
    }
}

using System.Net;
using EtlStudio.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Tests.Api;

/// <summary>A group's failure-webhook URL carries the Slack/Teams credential: the API takes it write-only, like a
/// connection secret, and exports leave it out.</summary>
public sealed class GroupWebhookApiTests : ApiTest
{
    private const string Hook = "https://hooks.slack.example/services/T000/B000/CREDENTIAL-PART";

    [Fact]
    public async Task The_webhook_url_is_never_returned_only_whether_one_is_stored()
    {
        var created = await PostAsync("/api/groups", new { name = "Nightly", cron = "0 2 * * *", failureWebhookUrl = Hook });
        var id = created["id"]!.GetValue<int>();
        using var viewer = Host.Client(Roles.Viewer, "vera");

        var asViewer = await viewer.GetStringAsync($"/api/groups/{id}", Ct);
        var list = await viewer.GetStringAsync("/api/groups", Ct);

        Assert.True(created["hasFailureWebhook"]!.GetValue<bool>());
        Assert.Null(created["failureWebhookUrl"]);
        Assert.Contains("\"hasFailureWebhook\":true", asViewer, StringComparison.Ordinal);
        Assert.DoesNotContain("CREDENTIAL-PART", created.ToJsonString() + asViewer + list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_keeps_the_url_when_omitted_clears_it_when_empty_and_replaces_it_when_given()
    {
        var id = (await PostAsync("/api/groups", new { name = "Nightly", cron = "0 2 * * *", failureWebhookUrl = Hook }))["id"]!.GetValue<int>();

        var kept = await PutAsync($"/api/groups/{id}", new { name = "Nightly", cron = "0 3 * * *" });
        var keptUrl = await StoredAsync(id);
        var replaced = await PutAsync($"/api/groups/{id}", new { name = "Nightly", cron = "0 3 * * *", failureWebhookUrl = "https://hooks.example/new " });
        var replacedUrl = await StoredAsync(id);
        var cleared = await PutAsync($"/api/groups/{id}", new { name = "Nightly", cron = "0 3 * * *", failureWebhookUrl = "" });

        Assert.True(kept["hasFailureWebhook"]!.GetValue<bool>());
        Assert.Equal(Hook, keptUrl);
        Assert.True(replaced["hasFailureWebhook"]!.GetValue<bool>());
        Assert.Equal("https://hooks.example/new", replacedUrl);
        Assert.False(cleared["hasFailureWebhook"]!.GetValue<bool>());
        Assert.Null(await StoredAsync(id));
    }

    [Fact]
    public async Task Export_leaves_the_url_out_and_import_takes_none_even_when_the_file_has_one()
    {
        var id = (await PostAsync("/api/groups", new { name = "Nightly", cron = "0 2 * * *", failureWebhookUrl = Hook }))["id"]!.GetValue<int>();

        var export = await GetAsync($"/api/groups/{id}/export");
        export["group"]!["name"] = "Imported";
        export["group"]!["failureWebhookUrl"] = "https://hooks.example/typed-into-the-file";
        var imported = await PostAsync("/api/groups/import", export);

        Assert.DoesNotContain("CREDENTIAL-PART", export.ToJsonString(), StringComparison.Ordinal);
        Assert.False(imported["hasFailureWebhook"]!.GetValue<bool>());
        Assert.Null(await StoredAsync(imported["id"]!.GetValue<int>()));
    }

    private async Task<string?> StoredAsync(int id)
    {
        await using var db = await Host.Contexts.CreateDbContextAsync(Ct);
        return await db.Groups.Where(g => g.Id == id).Select(g => g.FailureWebhookUrl).SingleAsync(Ct);
    }
}

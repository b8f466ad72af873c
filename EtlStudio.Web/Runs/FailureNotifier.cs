using System.Net.Http.Json;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

using EtlStudio.Web.Security;

namespace EtlStudio.Web.Runs;

/// <summary>Posts a Teams/Slack-compatible message (<c>{"text": …}</c> plus flow, runId, error and link fields) to the
/// group's failure webhook when a run fails or is abandoned. A webhook that fails is logged; it never fails the run.</summary>
internal sealed class FailureNotifier(IDbContextFactory<EtlDbContext> contexts, IHttpClientFactory clients, IOptions<PortalOptions> portal,
    ILogger<FailureNotifier> logger)
{
    public const string HttpClientName = "failure-webhook";

    public async Task NotifyAsync(Guid runId, CancellationToken cancellationToken)
    {
        int? groupId = null;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
            if (run?.GroupId is not { } id) return;
            groupId = id;
            var webhook = await db.Groups.Where(g => g.Id == id).Select(g => g.FailureWebhookUrl).FirstOrDefaultAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(webhook) || !Uri.TryCreate(webhook, UriKind.Absolute, out var url)) return;
            using var response = await clients.CreateClient(HttpClientName).PostAsJsonAsync(url, Message(run), cancellationToken);
            if (!response.IsSuccessStatusCode) RuntimeLog.WebhookRejected(logger, id, runId, (int)response.StatusCode);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            RuntimeLog.WebhookFailed(logger, groupId ?? 0, runId, e);
        }
    }

    private FailureMessage Message(FlowRun run)
    {
        var link = portal.Value.RunLink(run.Id);
        var what = run.Status == RunStatus.Abandoned ? "was abandoned" : "failed";
        var text = $"EtlStudio: run of flow '{run.FlowName}' {what}. {run.Error}".Trim()
            + (link is null ? $" (run {run.Id})" : $" {link}");
        return new FailureMessage(text, run.FlowName, run.Id, run.Status.ToString(), run.Error, link?.ToString());
    }

    /// <summary>Teams and Slack incoming webhooks show <c>text</c>; the other fields are for automation.</summary>
    private sealed record FailureMessage(string Text, string Flow, Guid RunId, string Status, string? Error, string? Link);
}

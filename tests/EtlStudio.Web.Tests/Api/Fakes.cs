using System.Collections.Concurrent;
using System.Text;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Runs;
using EtlStudio.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Tests.Api;

/// <summary>Stores a recognisable, non-plain form, so a test can tell that the API protected the secret.</summary>
internal sealed class FakeSecretProtector : ISecretProtector
{
    public const string Prefix = "protected:";

    public string Protect(string secret) => Prefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));

    public string Unprotect(string stored) => Encoding.UTF8.GetString(Convert.FromBase64String(stored[Prefix.Length..]));
}

/// <summary>Records what the API asked for and queues run records the way the launcher does (no job runs them).</summary>
public sealed class FakeRunLauncher(IDbContextFactory<EtlDbContext> contexts, EtlStudio.Web.Security.Authentication.CurrentUser current) : IRunLauncher
{
    private string user => current.Name;

    public ConcurrentQueue<string> Calls { get; } = new();

    public async Task<Guid> RunFlowAsync(int flowId, RunTrigger trigger, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"flow {flowId} {trigger} {user}");
        return await QueueAsync(flowId, trigger, user, null, cancellationToken);
    }

    public async Task<IReadOnlyList<Guid>> RunGroupAsync(int groupId, RunTrigger trigger, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"group {groupId} {trigger} {user}");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var flows = await db.Flows.Where(f => f.GroupId == groupId && f.Enabled).OrderBy(f => f.Order).Select(f => f.Id).ToListAsync(cancellationToken);
        var runs = new List<Guid>();
        foreach (var flow in flows) runs.Add(await QueueAsync(flow, trigger, user, null, cancellationToken));
        return runs;
    }

    public async Task<Guid> ResumeAsync(Guid runId, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"replay {runId} {user}");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var flowId = await db.Runs.Where(r => r.Id == runId).Select(r => r.FlowId).FirstAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The flow of run {runId} was deleted: there is nothing to load into.");
        return await QueueAsync(flowId, RunTrigger.Manual, user, runId, cancellationToken);
    }

    public Task CancelAsync(Guid runId, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"cancel {runId} {user}");
        return Task.CompletedTask;
    }

    private async Task<Guid> QueueAsync(int flowId, RunTrigger trigger, string? user, Guid? replayOf, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var flow = await db.Flows.FirstAsync(f => f.Id == flowId, cancellationToken);
        var run = new FlowRun
        {
            Id = Guid.CreateVersion7(), FlowId = flowId, FlowName = flow.Name, GroupId = flow.GroupId, Trigger = trigger, TriggeredBy = user,
            QueuedUtc = DateTime.UtcNow, ReplayOfRunId = replayOf,
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run.Id;
    }
}

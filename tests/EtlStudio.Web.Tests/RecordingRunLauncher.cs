using EtlStudio.Data.Entities;
using EtlStudio.Web.Runs;

namespace EtlStudio.Web.Tests;

/// <summary>An <see cref="IRunLauncher"/> that records what the portal asked for and answers at once with new run ids.</summary>
internal sealed class RecordingRunLauncher : IRunLauncher
{
    public List<string> Calls { get; } = [];

    public Task<Guid> RunFlowAsync(int flowId, RunTrigger trigger, string? user, CancellationToken cancellationToken) =>
        Record($"run flow {flowId} by {user}", Guid.NewGuid());

    public Task<IReadOnlyList<Guid>> RunGroupAsync(int groupId, RunTrigger trigger, string? user, CancellationToken cancellationToken) =>
        Record($"run group {groupId} by {user}", (IReadOnlyList<Guid>)[Guid.NewGuid()]);

    public Task<Guid> ResumeAsync(Guid runId, string? user, CancellationToken cancellationToken) => Record($"replay {runId}", Guid.NewGuid());

    public Task CancelAsync(Guid runId, string? user, CancellationToken cancellationToken) => Record($"cancel {runId}", 0);

    private Task<T> Record<T>(string call, T result)
    {
        lock (Calls) Calls.Add(call);
        return Task.FromResult(result);
    }
}

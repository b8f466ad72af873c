using EtlStudio.Data.Entities;
using EtlStudio.Web.Runs;
using EtlStudio.Web.Security.Authentication;

namespace EtlStudio.Web.Tests;

/// <summary>An <see cref="IRunLauncher"/> that records what the portal asked for, and as whom (<see cref="CurrentUser"/>,
/// as the real launcher takes it), and answers at once with new run ids.</summary>
internal sealed class RecordingRunLauncher : IRunLauncher
{
    private readonly CurrentUser _user = new(new Microsoft.AspNetCore.Http.HttpContextAccessor());

    public List<string> Calls { get; } = [];

    public Task<Guid> RunFlowAsync(int flowId, RunTrigger trigger, CancellationToken cancellationToken) =>
        Record($"run flow {flowId} by {_user.Name}", Guid.NewGuid());

    public Task<IReadOnlyList<Guid>> RunGroupAsync(int groupId, RunTrigger trigger, CancellationToken cancellationToken) =>
        Record($"run group {groupId} by {_user.Name}", (IReadOnlyList<Guid>)[Guid.NewGuid()]);

    public Task<Guid> ResumeAsync(Guid runId, CancellationToken cancellationToken) => Record($"replay {runId} by {_user.Name}", Guid.NewGuid());

    public Task CancelAsync(Guid runId, CancellationToken cancellationToken) => Record($"cancel {runId} by {_user.Name}", 0);

    private Task<T> Record<T>(string call, T result)
    {
        lock (Calls) Calls.Add(call);
        return Task.FromResult(result);
    }
}

using System.Collections.Concurrent;
using EtlStudio.Engine;

namespace EtlStudio.Web.Runs;

/// <summary>The engine's warnings for one run (an optional mapped field the input lacks…), kept until the run ends and
/// then written to its log. The engine warns once per cause, so the list stays short; a retried attempt's repeat of a
/// warning is written once.</summary>
internal sealed class RunWarnings : IRunLog
{
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);

    public void Warn(string message)
    {
        if (_seen.TryAdd(message, 0)) _messages.Enqueue(message);
    }

    /// <summary>Writes what was warned since the last call to the run's log.</summary>
    public async Task FlushAsync(RunRecorder recorder, Guid runId)
    {
        while (_messages.TryDequeue(out var message)) await recorder.LogAsync(runId, LogLevel.Warning, message, CancellationToken.None);
    }
}

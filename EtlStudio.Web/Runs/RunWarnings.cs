using System.Collections.Concurrent;
using EtlStudio.Engine;

namespace EtlStudio.Web.Runs;

/// <summary>The engine's warnings for one run (an optional mapped field the input lacks…) and the facts it reports
/// (entries a lookup loaded), kept until the run ends and then written to its log. The engine warns once per cause, so
/// the list stays short; a retried attempt's repeat of a message is written once.</summary>
internal sealed class RunWarnings : IRunLog
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _messages = new();
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);

    public void Warn(string message) => Add(LogLevel.Warning, message);

    public void Info(string message) => Add(LogLevel.Information, message);

    private void Add(LogLevel level, string message)
    {
        if (_seen.TryAdd(message, 0)) _messages.Enqueue((level, message));
    }

    /// <summary>Writes what was reported since the last call to the run's log.</summary>
    public async Task FlushAsync(RunRecorder recorder, Guid runId)
    {
        while (_messages.TryDequeue(out var entry)) await recorder.LogAsync(runId, entry.Level, entry.Message, CancellationToken.None);
    }
}

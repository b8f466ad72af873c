using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Triggers;

namespace EtlStudio.Kafka.Tests;

/// <summary>A batch runner for the consumer mechanics: records every attempt, rejects values that are not JSON, and
/// can be told to fail a number of runs or to hold runs until released.</summary>
internal sealed class ScriptedRunner : IMessageBatchRunner
{
    private readonly ConcurrentQueue<IReadOnlyList<SourceMessage>> _attempts = new();
    private readonly ConcurrentQueue<IReadOnlyList<SourceMessage>> _done = new();
    private int _failuresLeft;

    /// <summary>Every batch handed in, failed or not.</summary>
    public IReadOnlyList<IReadOnlyList<SourceMessage>> Attempts => [.. _attempts];

    /// <summary>Batches whose run succeeded.</summary>
    public IReadOnlyList<IReadOnlyList<SourceMessage>> Done => [.. _done];

    public IReadOnlyList<SourceMessage> DoneMessages => [.. _done.SelectMany(b => b)];

    /// <summary>When set, runs wait on it (honouring cancellation) after signalling <see cref="Held"/>.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void FailNext(int runs) => Volatile.Write(ref _failuresLeft, runs);

    public async Task<MessageBatchResult> RunAsync(KafkaTrigger trigger, IReadOnlyList<SourceMessage> messages, CancellationToken cancellationToken)
    {
        _attempts.Enqueue(messages);
        if (Hold is { } hold)
        {
            Held.TrySetResult();
            await hold.Task.WaitAsync(cancellationToken);
        }
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            return new MessageBatchResult(Guid.NewGuid(), false, [], new TimeoutException("destination database unreachable"));
        }
        var rejected = messages.Where(m => !IsJson(m.Value))
            .Select(m => new RejectedRow(m.Origin, 1, null, Encoding.UTF8.GetString(m.Value), "not JSON")).ToList();
        _done.Enqueue(messages);
        return new MessageBatchResult(Guid.NewGuid(), true, rejected, null);
    }

    private static bool IsJson(byte[] value)
    {
        try
        {
            using var _ = JsonDocument.Parse(value);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

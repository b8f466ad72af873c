using Confluent.Kafka;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Web.Triggers;

/// <summary>One trigger's consume loop: collect a micro-batch (size or time window, whichever first), run it, send
/// its rejects to the dead-letter topic, then store its offsets. A failed batch stores nothing: the consumer seeks back
/// to the batch's first offsets and reads it again after a capped exponential backoff.</summary>
/// <remarks>Offsets are stored only here, after the load committed and the dead letters were acknowledged
/// (<c>enable.auto.offset.store=false</c>); librdkafka commits stored offsets every 5 s, when partitions are revoked
/// and on close. So a crash replays at most the batches since the last commit: at-least-once, harmless with upsert.
/// Rebalance handlers run only inside <c>Consume</c>/<c>Close</c>, i.e. never while a batch is being processed.</remarks>
internal sealed class BatchLoop(KafkaTrigger trigger, BatchProcessor processor, KafkaHealth health, KafkaOptions options, ILogger logger)
{
    private static readonly TimeSpan MaxBlock = TimeSpan.FromMilliseconds(200);
    private readonly PendingBatch _batch = new(trigger.Topic);
    private readonly TimeSpan _window = TimeSpan.FromMilliseconds(Math.Max(1, trigger.BatchWindowMs));
    private readonly int _size = Math.Max(1, trigger.BatchSize);
    private int _failures;

    /// <summary>Called from the revoked/lost handlers: the in-flight batch gives up those partitions.</summary>
    public int Drop(IEnumerable<TopicPartition> partitions) => _batch.Drop(partitions);

    /// <summary>Runs until <paramref name="cancellationToken"/> fires; a batch interrupted then is not stored and
    /// is read again by whoever consumes next. Throws <see cref="ConsumeException"/> on a fatal client error.</summary>
    public async Task RunAsync(IConsumer<byte[]?, byte[]?> consumer, DeadLetterWriter? deadLetters, CancellationToken cancellationToken)
    {
        while (true)
        {
            var consumeFailed = Collect(consumer, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            if (_batch.Count == 0)
            {
                // A broker that reports the same error at once again must not turn this into a busy loop.
                if (consumeFailed) await Task.Delay(options.RetryInitialMs, cancellationToken);
                continue;
            }
            var error = await processor.ProcessAsync(consumer, _batch, deadLetters, cancellationToken);
            if (error is null)
            {
                _failures = 0;
                health.Clear(trigger.Id, KafkaProblem.Batch);
                _batch.Clear();
                continue;
            }
            _failures++;
            var delay = RetryBackoff.Delay(_failures, options.RetryInitialMs, options.RetryMaxMs, Random.Shared.NextDouble());
            health.Report(trigger.Id, KafkaProblem.Batch, $"batch of {_batch.Count} messages failed {_failures} time(s), retrying: {error.Message}");
            KafkaLog.BatchFailed(logger, trigger.Id, _batch.Count, _failures, (long)delay.TotalMilliseconds, error);
            Rewind(consumer);
            await Task.Delay(delay, cancellationToken);
        }
    }

    /// <summary>Consumes until the batch is full, its window has passed, or cancellation. Returns true when the
    /// broker reported a (non-fatal) consume error.</summary>
    private bool Collect(IConsumer<byte[]?, byte[]?> consumer, CancellationToken cancellationToken)
    {
        var consumed = false;
        while (_batch.Count < _size && !cancellationToken.IsCancellationRequested)
        {
            var wait = MaxBlock;
            if (_batch.Count > 0)
            {
                var left = _window - _batch.Age;
                if (left <= TimeSpan.Zero) break;
                if (left < wait) wait = left;
            }
            try
            {
                // Blocks this thread for at most MaxBlock; returns at once when messages are waiting.
                var result = consumer.Consume(wait);
                if (result is null) continue;
                _batch.Add(result);
                // Once per collect, not per message: a consume error reported later in this collect still stands.
                if (!consumed) health.Clear(trigger.Id, KafkaProblem.Consume);
                consumed = true;
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                health.Report(trigger.Id, KafkaProblem.Consume, e.Error.Reason);
                KafkaLog.ClientError(logger, trigger.Id, e.Error.Code.ToString(), e.Error.Reason);
                return true;
            }
        }
        return false;
    }

    private void Rewind(IConsumer<byte[]?, byte[]?> consumer)
    {
        foreach (var start in _batch.Starts())
        {
            try
            {
                consumer.Seek(start);
            }
            catch (KafkaException e)
            {
                // The partition is no longer ours: its next owner starts from the last committed offset anyway.
                KafkaLog.OffsetFailed(logger, trigger.Id, "seek back to", start.ToString(), e.Error.Reason);
            }
        }
        _batch.Clear();
    }
}

using Confluent.Kafka;
using EtlStudio.Data.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Web.Triggers;

/// <summary>Processes one collected batch: one run through <see cref="IMessageBatchRunner"/>, dead letters, then the
/// offsets. Returns null when the batch is done, otherwise why it failed (nothing stored then).</summary>
internal sealed class BatchProcessor(KafkaTrigger trigger, IServiceScopeFactory scopes, ILogger logger)
{
    public async Task<Exception?> ProcessAsync(
        IConsumer<byte[]?, byte[]?> consumer, PendingBatch batch, DeadLetterWriter? deadLetters, CancellationToken cancellationToken)
    {
        var messages = batch.Messages;
        MessageBatchResult result;
        try
        {
            // A scope per batch, like a job: the runner may be scoped or singleton.
            await using var scope = scopes.CreateAsyncScope();
            var runner = scope.ServiceProvider.GetRequiredService<IMessageBatchRunner>();
            result = await runner.RunAsync(trigger, messages, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return e;
        }
        if (!result.Succeeded)
        {
            return result.Error ?? new InvalidOperationException($"run {result.RunId} failed without saying why");
        }
        var deadLettered = 0;
        if (deadLetters is not null && result.Rejected.Count > 0)
        {
            try
            {
                var unknown = await deadLetters.WriteAsync(messages, result, cancellationToken);
                foreach (var origin in unknown) KafkaLog.UnknownRejectOrigin(logger, trigger.Id, result.RunId, origin);
                deadLettered = result.Rejected.Select(r => r.Origin).Distinct(StringComparer.Ordinal).Count() - unknown.Count;
            }
            catch (KafkaException e)
            {
                return new KafkaException(new Error(e.Error.Code, $"dead-letter topic {deadLetters.Topic}: {e.Error.Reason}"), e);
            }
        }
        Store(consumer, batch);
        KafkaLog.BatchLoaded(logger, trigger.Id, messages.Count, result.RunId, result.Rejected.Count, deadLettered);
        return null;
    }

    private void Store(IConsumer<byte[]?, byte[]?> consumer, PendingBatch batch)
    {
        foreach (var last in batch.Ends())
        {
            try
            {
                consumer.StoreOffset(new TopicPartitionOffset(last.TopicPartition, last.Offset + 1, last.LeaderEpoch));
            }
            catch (KafkaException e)
            {
                // Lost the partition (e.g. the run outlasted max.poll.interval.ms): its next owner loads the batch
                // again from the last commit, which upsert makes harmless.
                KafkaLog.OffsetFailed(logger, trigger.Id, "store the offset after", last.ToString(), e.Error.Reason);
            }
        }
    }
}

using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading.Ledger;
using EtlStudio.Web.Triggers;

namespace EtlStudio.Benchmarks.Kafka;

/// <summary>The trigger's runner as the app resolves it (one per batch), handing each batch to <paramref name="inner"/>
/// and its outcome to <paramref name="meter"/>.</summary>
internal sealed class MeasuringRunner(IMessageBatchRunner inner, BatchMeter meter) : IMessageBatchRunner
{
    public async Task<MessageBatchResult> RunAsync(KafkaTrigger trigger, IReadOnlyList<SourceMessage> messages, CancellationToken cancellationToken)
    {
        var started = meter.Started();
        var result = await inner.RunAsync(trigger, messages, cancellationToken);
        meter.Ended(started, result.Succeeded ? messages.Count : 0);
        return result;
    }

    public Task<CommittedRanges> LoadedAsync(KafkaTrigger trigger, CancellationToken cancellationToken) => inner.LoadedAsync(trigger, cancellationToken);
}

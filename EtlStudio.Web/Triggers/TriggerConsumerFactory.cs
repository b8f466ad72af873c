using EtlStudio.Data.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Triggers;

/// <summary>Starts trigger consumers with what they all share.</summary>
internal sealed class TriggerConsumerFactory(
    KafkaClientSettingsFactory clients, IServiceScopeFactory scopes, KafkaHealth health, LedgerOffsets offsets, ConsumerLag lag, IOptions<KafkaOptions> options,
    TimeProvider clock, ILogger<TriggerConsumer> logger)
{
    public KafkaClientSettingsFactory Clients => clients;
    public IServiceScopeFactory Scopes => scopes;
    public KafkaHealth Health => health;
    public LedgerOffsets Offsets => offsets;
    public ConsumerLag Lag => lag;
    public KafkaOptions Options => options.Value;
    public TimeProvider Clock => clock;

    /// <summary>Starts the trigger's consumers: as many as it loads partitions in parallel on this instance.</summary>
    public TriggerConsumerSet Start(KafkaTrigger trigger)
    {
        var outages = new BrokerOutageLog(logger, trigger.Id, clock);
        return new(trigger, [.. Enumerable.Range(0, PartitionParallelism.Consumers(trigger)).Select(_ => new TriggerConsumer(trigger, this, outages, logger))]);
    }
}

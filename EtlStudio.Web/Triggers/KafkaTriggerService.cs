using EtlStudio.Data.Entities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Triggers;

/// <summary>Keeps the consumers of every active Kafka trigger (<see cref="TriggerConsumerSet"/>). The trigger table is read every
/// <see cref="KafkaOptions.TriggerPollSeconds"/>: added triggers start, disabled or deleted ones stop, edited ones
/// restart — no app restart needed. Every instance runs this; the consumer group spreads the partitions among them.</summary>
internal sealed class KafkaTriggerService(
    KafkaTriggerCatalog catalog, TriggerConsumerFactory consumers, KafkaHealth health, IOptions<KafkaOptions> options, ILogger<KafkaTriggerService> logger)
    : BackgroundService
{
    private readonly Dictionary<int, (TriggerSpec Spec, TriggerConsumerSet Consumer)> _running = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            KafkaLog.Disabled(logger);
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.TriggerPollSeconds));
        try
        {
            do
            {
                await ReconcileAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            await StopAsync(_running.Keys.ToList(), "shutting down");
        }
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<KafkaTrigger> active;
        try
        {
            active = await catalog.LoadActiveAsync(cancellationToken);
            health.Clear(0, KafkaProblem.TriggerTable);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            health.Report(0, KafkaProblem.TriggerTable, e.Message);
            KafkaLog.TriggerTableUnreadable(logger, e);
            return;
        }
        var wanted = active.ToDictionary(t => t.Id);
        await StopAsync([.. _running.Keys.Where(id => !wanted.ContainsKey(id))], "disabled or deleted");
        await StopAsync([.. _running.Where(r => r.Value.Spec != TriggerSpec.Of(wanted[r.Key])).Select(r => r.Key)], "edited; starting again");
        foreach (var trigger in active.Where(t => !_running.ContainsKey(t.Id)))
        {
            _running[trigger.Id] = (TriggerSpec.Of(trigger), consumers.Start(trigger));
        }
        health.SetRunning(_running.Count);
        foreach (var shared in active.GroupBy(t => (t.Topic, t.ConsumerGroup)).Where(g => g.Count() > 1))
        {
            KafkaLog.SharedGroup(logger, string.Join(", ", shared.Select(t => t.Id)), shared.Key.Topic, shared.Key.ConsumerGroup);
        }
    }

    private async Task StopAsync(List<int> triggerIds, string reason)
    {
        var stopping = triggerIds.Select(async id =>
        {
            await _running[id].Consumer.DisposeAsync();
            KafkaLog.ConsumerStopped(logger, id, reason);
        }).ToList();
        await Task.WhenAll(stopping);
        foreach (var id in triggerIds) _running.Remove(id);
        health.SetRunning(_running.Count);
    }
}

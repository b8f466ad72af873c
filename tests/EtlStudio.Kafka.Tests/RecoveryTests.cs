using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Kafka.Tests;

/// <summary>Failed and interrupted batches: nothing is stored for them, nothing is skipped.</summary>
public sealed class RecoveryTests(KafkaMockCluster kafka)
{
    [Fact]
    public async Task A_failed_batch_is_read_again_from_its_first_offsets_and_nothing_is_skipped()
    {
        var topic = KafkaMockCluster.UniqueName("orders");
        kafka.CreateTopic(topic, partitions: 2);
        await kafka.ProduceAsync(topic, Enumerable.Range(0, 30).Select(i => ((string?)$"k{i}", $$"""{"id":{{i}}}""")), TestContext.Current.CancellationToken);
        await using var host = await TriggerHost.CreateAsync(kafka);
        var trigger = await host.AddTriggerAsync(topic, batchSize: 10);
        var runner = new ScriptedRunner();
        runner.FailNext(2);

        await host.StartAsync(runner);
        await Eventually.TrueAsync(() => runner.DoneMessages.Count == 30, "all 30 messages loaded");
        var problemsAfter = host.Health.Problems;
        await host.StopAsync();

        var attempts = runner.Attempts;
        AssertReadAgainFromItsStarts(attempts, failed: 0);
        AssertReadAgainFromItsStarts(attempts, failed: 1);
        Assert.Equal(30, runner.DoneMessages.Select(m => (m.Partition, m.Offset)).Distinct().Count());
        Assert.Equal(2, host.Logs.Lines.Count(l => l.Contains("[21]", StringComparison.Ordinal) && l.Contains("destination database unreachable", StringComparison.Ordinal)));
        Assert.Empty(problemsAfter);
        Assert.Equal(30, kafka.CommittedOffsets(trigger.ConsumerGroup, topic, 2).Sum());
    }

    [Fact]
    public async Task A_failing_batch_makes_the_health_check_degraded_with_the_reason()
    {
        var topic = KafkaMockCluster.UniqueName("orders");
        kafka.CreateTopic(topic);
        await kafka.ProduceAsync(topic, [(null, "{}")], TestContext.Current.CancellationToken);
        await using var host = await TriggerHost.CreateAsync(kafka);
        var trigger = await host.AddTriggerAsync(topic);
        var runner = new ScriptedRunner();
        runner.FailNext(int.MaxValue);

        await host.StartAsync(runner);
        await Eventually.TrueAsync(() => runner.Attempts.Count >= 3, "three attempts");
        var health = await new Web.Triggers.KafkaHealthCheck(host.Health).CheckHealthAsync(new(), TestContext.Current.CancellationToken);
        await host.StopAsync();

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, health.Status);
        Assert.Contains($"trigger {trigger.Id} Batch", health.Description, StringComparison.Ordinal);
        Assert.Contains("destination database unreachable", health.Description, StringComparison.Ordinal);
        Assert.Equal([-1001L], kafka.CommittedOffsets(trigger.ConsumerGroup, topic, 1));
    }

    [Fact]
    public async Task A_consumer_stopped_while_its_batch_loads_stores_nothing_of_it_and_the_next_start_loads_it()
    {
        var topic = KafkaMockCluster.UniqueName("orders");
        kafka.CreateTopic(topic);
        await kafka.ProduceAsync(topic, Enumerable.Range(0, 20).Select(i => ((string?)null, $$"""{"id":{{i}}}""")), TestContext.Current.CancellationToken);
        await using var host = await TriggerHost.CreateAsync(kafka);
        var trigger = await host.AddTriggerAsync(topic);
        var held = new ScriptedRunner { Hold = new TaskCompletionSource() };

        await host.StartAsync(held);
        await held.Held.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await host.StopAsync();
        var committedAfterStop = kafka.CommittedOffsets(trigger.ConsumerGroup, topic, 1);
        var runner = new ScriptedRunner();
        await host.StartAsync(runner);
        await Eventually.TrueAsync(() => runner.DoneMessages.Count == 20, "the 20 messages loaded after the restart");
        await host.StopAsync();

        Assert.Empty(held.Done);
        Assert.Equal([-1001L], committedAfterStop);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), runner.DoneMessages.Select(m => m.Offset).Order());
        Assert.Equal([20L], kafka.CommittedOffsets(trigger.ConsumerGroup, topic, 1));
    }

    [Fact]
    public async Task Without_a_registered_batch_runner_batches_fail_and_health_says_why()
    {
        var topic = KafkaMockCluster.UniqueName("orders");
        kafka.CreateTopic(topic);
        await kafka.ProduceAsync(topic, [(null, "{}")], TestContext.Current.CancellationToken);
        await using var host = await TriggerHost.CreateAsync(kafka);
        var trigger = await host.AddTriggerAsync(topic);

        await host.StartAsync(runner: null);
        await Eventually.TrueAsync(() => host.Health.Problems.Any(p => p.Contains("IMessageBatchRunner", StringComparison.Ordinal)), "health names the missing runner");
        await host.StopAsync();

        Assert.Equal([-1001L], kafka.CommittedOffsets(trigger.ConsumerGroup, topic, 1));
    }

    /// <summary>Each partition of the failed batch is next read from that batch's first offset in it (other partitions
    /// may come first: the consumer had already fetched them).</summary>
    private static void AssertReadAgainFromItsStarts(IReadOnlyList<IReadOnlyList<Engine.Definitions.SourceMessage>> attempts, int failed)
    {
        var later = attempts.Skip(failed + 1).SelectMany(b => b).ToList();
        foreach (var partition in attempts[failed].GroupBy(m => m.Partition))
        {
            Assert.Equal(partition.First().Offset, later.First(m => m.Partition == partition.Key).Offset);
        }
    }
}

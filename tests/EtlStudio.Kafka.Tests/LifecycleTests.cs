using System.Text;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Kafka.Tests;

/// <summary>Adding, editing and disabling triggers while the app runs.</summary>
public sealed class LifecycleTests(KafkaMockCluster kafka)
{
    [Fact]
    public async Task Disabling_a_trigger_stops_its_consumer_and_enabling_it_resumes_after_the_last_committed_message()
    {
        var topic = KafkaMockCluster.UniqueName("orders");
        kafka.CreateTopic(topic);
        await kafka.ProduceAsync(topic, Values(0, 5), TestContext.Current.CancellationToken);
        await using var host = await TriggerHost.CreateAsync(kafka);
        var trigger = await host.AddTriggerAsync(topic);
        var runner = new ScriptedRunner();
        await host.StartAsync(runner);
        await Eventually.TrueAsync(() => runner.DoneMessages.Count == 5, "first 5 messages");

        await host.UpdateTriggerAsync(trigger.Id, t => t.Enabled = false);
        await Eventually.TrueAsync(() => host.Health.RunningConsumers == 0, "consumer stopped");
        var committedWhileDisabled = kafka.CommittedOffsets(trigger.ConsumerGroup, topic, 1);
        await kafka.ProduceAsync(topic, Values(5, 5), TestContext.Current.CancellationToken);
        await host.UpdateTriggerAsync(trigger.Id, t => t.Enabled = true);
        await Eventually.TrueAsync(() => runner.DoneMessages.Count == 10, "5 more messages after enabling");
        await host.StopAsync();

        Assert.Equal([5L], committedWhileDisabled);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), runner.DoneMessages.Select(m => m.Offset));
        Assert.Contains(host.Logs.Lines, l => l.Contains($"Kafka trigger {trigger.Id}: consumer stopped (disabled or deleted)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_trigger_edited_to_another_topic_consumes_that_topic_without_a_restart()
    {
        var first = KafkaMockCluster.UniqueName("orders");
        var second = KafkaMockCluster.UniqueName("refunds");
        kafka.CreateTopic(first);
        kafka.CreateTopic(second);
        await kafka.ProduceAsync(first, Values(0, 3), TestContext.Current.CancellationToken);
        await kafka.ProduceAsync(second, Values(100, 4), TestContext.Current.CancellationToken);
        await using var host = await TriggerHost.CreateAsync(kafka);
        var trigger = await host.AddTriggerAsync(first);
        var runner = new ScriptedRunner();
        await host.StartAsync(runner);
        await Eventually.TrueAsync(() => runner.DoneMessages.Count == 3, "the first topic's messages");

        await host.UpdateTriggerAsync(trigger.Id, t => t.Topic = second);
        await Eventually.TrueAsync(() => runner.DoneMessages.Count == 7, "the second topic's messages");
        var running = host.Health.RunningConsumers;
        await host.StopAsync();

        Assert.Equal([.. Enumerable.Repeat(first, 3), .. Enumerable.Repeat(second, 4)], runner.DoneMessages.Select(m => m.Topic));
        Assert.Equal(Values(100, 4).Select(v => v.Value), runner.DoneMessages.Skip(3).Select(m => Encoding.UTF8.GetString(m.Value)));
        Assert.Equal(1, running);
        Assert.Contains(host.Logs.Lines, l => l.Contains($"Kafka trigger {trigger.Id}: consumer stopped (edited; starting again)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_trigger_added_while_the_app_runs_starts_consuming()
    {
        var topic = KafkaMockCluster.UniqueName("orders");
        kafka.CreateTopic(topic);
        await kafka.ProduceAsync(topic, Values(0, 2), TestContext.Current.CancellationToken);
        await using var host = await TriggerHost.CreateAsync(kafka);
        var runner = new ScriptedRunner();
        await host.StartAsync(runner);

        await host.AddTriggerAsync(topic);
        await Eventually.TrueAsync(() => runner.DoneMessages.Count == 2, "the new trigger's messages");
        await host.StopAsync();

        Assert.Equal([0L, 1L], runner.DoneMessages.Select(m => m.Offset));
    }

    private static IEnumerable<(string? Key, string Value)> Values(int from, int count) =>
        Enumerable.Range(from, count).Select(i => ((string?)null, $$"""{"id":{{i}}}""")).ToList();
}

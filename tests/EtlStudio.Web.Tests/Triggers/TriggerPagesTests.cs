using AngleSharp.Dom;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Security;
using EtlStudio.Web.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Web.Tests.Triggers;

public sealed class TriggerPagesTests : PortalContext
{
    [Fact]
    public async Task An_invalid_trigger_shows_every_problem_at_its_field_keeps_the_input_and_stores_nothing()
    {
        var (_, flow) = await SeedAsync();
        var cut = Render<TriggerEditor>();
        cut.WaitForState(() => cut.FindAll("#trigger-topic").Count == 1);
        cut.Find("#trigger-topic").Input("bad topic!");
        cut.Find("#trigger-group").Input(" ");
        cut.Find("#trigger-batch-size").Input("0");
        cut.Find("#trigger-max-parallel").Input("0");

        Save(cut);

        cut.WaitForAssertion(() => Assert.NotEmpty(ErrorUnder(cut, "trigger-topic")));
        Assert.Contains("Between 1 and 1,000,000 messages.", ErrorUnder(cut, "trigger-batch-size"));
        Assert.Contains("Enter the consumer group.", ErrorUnder(cut, "trigger-group"));
        Assert.Contains("Between 1 and 64 partitions.", ErrorUnder(cut, "trigger-max-parallel"));
        Assert.Contains("Choose the flow the messages feed.", ErrorUnder(cut, "trigger-flow"));
        Assert.Equal("bad topic!", cut.Find("#trigger-topic").GetAttribute("value"));
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.KafkaTriggers.CountAsync(Ct));
        Assert.NotEqual(0, flow);
    }

    [Fact]
    public async Task A_second_trigger_of_the_flow_on_the_same_topic_and_group_is_refused_with_the_services_message()
    {
        var (kafka, flow) = await SeedAsync();
        var first = await Services.GetRequiredService<TriggerService>().SaveAsync(
            new KafkaTriggerForm { ConnectionId = kafka, FlowId = flow, Topic = "orders", ConsumerGroup = "etl" }, Ct);
        Assert.True(first.Succeeded);
        var cut = Render<TriggerEditor>(p => p.Add(e => e.Id, first.Id));
        cut.WaitForState(() => cut.FindAll("#trigger-topic").Count == 1);

        // Editing the same trigger is no conflict with itself.
        cut.Find("#trigger-batch-size").Input("50");
        Save(cut);
        cut.WaitForAssertion(() => Assert.EndsWith("/triggers", Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>().Uri));
        var second = await Services.GetRequiredService<TriggerService>().SaveAsync(
            new KafkaTriggerForm { ConnectionId = kafka, FlowId = flow, Topic = " orders ", ConsumerGroup = "etl" }, Ct);

        Assert.Equal("Flow 'Orders' already has a trigger on topic 'orders' with consumer group 'etl' (it would load every message twice).", second.Conflict);
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(50, (await db.KafkaTriggers.SingleAsync(Ct)).BatchSize);
    }

    [Fact]
    public async Task A_valid_trigger_is_saved_and_listed_with_its_flow_group_and_connection_names()
    {
        var (kafka, flow) = await SeedAsync();
        var cut = Render<TriggerEditor>();
        cut.WaitForState(() => cut.FindAll("#trigger-topic").Count == 1);
        cut.Find("#trigger-topic").Input("orders");
        cut.Find("#trigger-group").Input("etl-orders");
        cut.Find("#trigger-dead-letter").Input("orders.dlq");
        // MudSelect renders its items in a popover only when opened; choose through the component, as a click would.
        await cut.InvokeAsync(() => SetFlow(cut, flow));

        Save(cut);

        var saved = await WaitForSingleTriggerAsync();
        Assert.Equal((kafka, flow, "orders", "etl-orders", "orders.dlq"), (saved.ConnectionId, saved.FlowId, saved.Topic, saved.ConsumerGroup, saved.DeadLetterTopic));
        var list = Render<TriggersPage>();
        list.WaitForAssertion(() => Assert.Contains("orders", list.Find("table").TextContent));
        var row = list.Find("tbody tr").TextContent;
        Assert.Contains("Orders", row);
        Assert.Contains("Nightly", row);
        Assert.Contains("Broker", row);
        Assert.Contains("1,000 messages or 1,000 ms", row);
    }

    [Fact]
    public async Task The_list_says_how_many_partitions_each_instance_loads_at_once_and_a_replace_flow_loads_one_batch_at_a_time()
    {
        var (kafka, flow) = await SeedAsync();
        var triggers = Services.GetRequiredService<TriggerService>();
        Assert.True((await triggers.SaveAsync(new KafkaTriggerForm { ConnectionId = kafka, FlowId = flow, Topic = "a-orders", ConsumerGroup = "etl", MaxParallelPartitions = 6 }, Ct)).Succeeded);
        int replace;
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            var snapshot = new Flow { Name = "Snapshot", Group = await db.Groups.SingleAsync(Ct), LoadMode = LoadMode.TruncateReplace };
            db.Flows.Add(snapshot);
            await db.SaveChangesAsync(Ct);
            replace = snapshot.Id;
        }
        Assert.True((await triggers.SaveAsync(new KafkaTriggerForm { ConnectionId = kafka, FlowId = replace, Topic = "b-snapshots", ConsumerGroup = "etl", MaxParallelPartitions = 6 }, Ct)).Succeeded);

        var cut = Render<TriggersPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count));
        var rows = cut.FindAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("up to 6 partitions at once per instance", rows[0]);
        Assert.Contains("one batch at a time per instance", rows[1]);
        Assert.DoesNotContain("partitions at once", rows[1]);
    }

    [Fact]
    public async Task A_viewer_sees_the_triggers_but_no_new_or_delete_buttons()
    {
        var (kafka, flow) = await SeedAsync();
        await Services.GetRequiredService<TriggerService>().SaveAsync(new KafkaTriggerForm { ConnectionId = kafka, FlowId = flow, Topic = "orders", ConsumerGroup = "etl" }, Ct);
        SignInAs(Roles.Viewer);

        var cut = Render<TriggersPage>();

        cut.WaitForAssertion(() => Assert.Contains("orders", cut.Find("tbody").TextContent));
        Assert.DoesNotContain(cut.FindAll("a, button"), e => e.TextContent.Trim() == "New trigger");
        Assert.Empty(cut.FindAll("button[aria-label^='Delete']"));
    }

    [Fact]
    public async Task Without_a_Kafka_connection_the_editor_says_to_create_one_first()
    {
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.Flows.Add(new Flow { Name = "Orders", Group = new Group { Name = "Nightly" } });
            await db.SaveChangesAsync(Ct);
        }

        var cut = Render<TriggerEditor>();

        cut.WaitForAssertion(() => Assert.Contains("There is no Kafka connection yet.", cut.Markup));
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "connections/new");
    }

    private static void SetFlow(IRenderedComponent<TriggerEditor> cut, int flow)
    {
        // The editor's selects in page order: connection, flow.
        var select = cut.FindComponents<MudBlazor.MudSelect<int?>>()[1];
        select.Instance.ValueChanged.InvokeAsync(flow);
    }

    private async Task<(int Kafka, int Flow)> SeedAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var kafka = new Connection { Name = "Broker", Kind = ConnectionKind.Kafka, Settings = """{"bootstrapServers":"localhost:9092"}""" };
        var flow = new Flow { Name = "Orders", Group = new Group { Name = "Nightly" } };
        db.AddRange(kafka, flow);
        await db.SaveChangesAsync(Ct);
        return (kafka.Id, flow.Id);
    }

    private async Task<KafkaTrigger> WaitForSingleTriggerAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await Contexts.CreateDbContextAsync(Ct);
            if (await db.KafkaTriggers.AsNoTracking().SingleOrDefaultAsync(Ct) is { } trigger) return trigger;
            if (attempt > 100) throw new InvalidOperationException("No trigger was saved.");
            await Task.Delay(20, Ct);
        }
    }

    private static void Save(IRenderedComponent<TriggerEditor> cut) =>
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Save").Click();

    private static string ErrorUnder(IRenderedComponent<TriggerEditor> cut, string inputId)
    {
        var field = cut.Find($"#{inputId}").Closest(".mud-input-control") ?? throw new InvalidOperationException($"No field around #{inputId}");
        return string.Join(" ", field.QuerySelectorAll(".mud-input-error").Select(e => e.TextContent.Trim()));
    }
}

using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Flows;
using EtlStudio.Web.Groups;
using EtlStudio.Web.Triggers;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Api;

/// <summary>Creates a group, its flows and triggers from a <see cref="GroupExport"/>, all or nothing, with the same
/// validation as the portal. Connections must already exist under the exported names. A group name that is taken is
/// a conflict: rename it in the file (or delete the existing group) and import again.</summary>
internal sealed class GroupImporter(IDbContextFactory<EtlDbContext> contexts, FlowService flowService, TimeProvider clock)
{
    public async Task<ImportResult> ImportAsync(GroupExport export, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (export.FormatVersion != GroupExport.CurrentVersion)
        {
            errors["formatVersion"] = $"Format version {export.FormatVersion} is not supported; this server reads version {GroupExport.CurrentVersion}.";
        }
        if (export.Group is null)
        {
            errors["group"] = "The file has no group.";
            return new(0, errors, null);
        }
        var groupForm = export.Group.ToForm(0);
        // A webhook URL is a credential: exports leave it out, and one typed into a file is not taken either.
        groupForm.FailureWebhookUrl = null;
        Add(errors, "group.", groupForm.Validate());

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connections = await db.Connections.AsNoTracking().Select(c => new { c.Id, c.Name, c.Kind }).ToListAsync(cancellationToken);
        var byName = connections.ToDictionary(c => c.Name, c => (c.Id, c.Kind), StringComparer.OrdinalIgnoreCase).AsReadOnly();
        var flows = new List<(FlowForm Flow, List<KafkaTriggerForm> Triggers)>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var exportedFlows = export.Flows ?? [];
        for (var i = 0; i < exportedFlows.Count; i++)
        {
            if (ReadFlow(exportedFlows[i], i, byName, errors) is not { } flow) continue;
            if (flow.Flow.Name.Trim().Length > 0 && !names.Add(flow.Flow.Name.Trim()))
            {
                // The same words as a second save of the name would get (FlowService).
                errors[$"flows[{i}].definition.name"] = FlowService.Duplicate(flow.Flow.Name.Trim(), groupForm.Name.Trim());
            }
            flows.Add(flow);
        }
        if (errors.Count > 0) return new(0, errors, null);
        if (await GroupStore.FindConflictAsync(db, groupForm, cancellationToken) is { } taken) return new(0, errors, GroupStore.Duplicate(taken));
        return await SaveAsync(db, groupForm, flows, cancellationToken);
    }

    private async Task<ImportResult> SaveAsync(EtlDbContext db, GroupForm groupForm, List<(FlowForm Flow, List<KafkaTriggerForm> Triggers)> flows,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var group = new Group { Name = groupForm.Name, CreatedUtc = now, UpdatedUtc = now };
        groupForm.ApplyTo(group);
        db.Groups.Add(group);
        for (var i = 0; i < flows.Count; i++)
        {
            var (form, triggers) = flows[i];
            var flow = flowService.AddNew(db, group, form, position: i + 1);
            foreach (var triggerForm in triggers)
            {
                var trigger = new KafkaTrigger { Topic = triggerForm.Topic, ConsumerGroup = triggerForm.ConsumerGroup, Flow = flow, CreatedUtc = now, UpdatedUtc = now };
                triggerForm.FlowId = null;
                triggerForm.ApplyTo(trigger);
                db.KafkaTriggers.Add(trigger);
            }
        }
        // One SaveChanges: the group, its flows and triggers land together or not at all.
        if (await ApiResults.SaveAsync(db, GroupStore.Duplicate(groupForm.Name.Trim()), cancellationToken) is { } conflict) return new(0, [], conflict);
        return new(group.Id, [], null);
    }

    /// <summary>The forms of one exported flow and its triggers (ids resolved from connection names), adding every
    /// problem to <paramref name="errors"/> under <c>flows[i]</c>; null when the flow has no definition.</summary>
    private static (FlowForm Flow, List<KafkaTriggerForm> Triggers)? ReadFlow(ExportedFlow exported, int index,
        IReadOnlyDictionary<string, (int Id, ConnectionKind Kind)> connections, Dictionary<string, string> errors)
    {
        var prefix = $"flows[{index}].";
        if (exported.Definition is null)
        {
            errors[prefix + "definition"] = "The flow has no definition.";
            return null;
        }
        var flow = exported.Definition.ToForm(0);
        flow.GroupId = 0;
        var source = Resolve(exported.SourceConnection, prefix + "sourceConnection");
        var destination = Resolve(exported.DestinationConnection, prefix + "destinationConnection");
        flow.SourceConnectionId = source?.Id;
        flow.DestinationConnectionId = destination?.Id;
        var lookupKinds = new Dictionary<int, ConnectionKind>();
        var exportedLookups = exported.Definition.Lookups ?? [];
        for (var j = 0; j < exportedLookups.Count && j < flow.Lookups.Count; j++)
        {
            // An export names a lookup's connection; an id typed into a file means nothing on another installation.
            var lookupConnection = Resolve(exportedLookups[j].Connection, $"{prefix}definition.lookups[{j}].connection");
            flow.Lookups[j].ConnectionId = lookupConnection?.Id;
            if (lookupConnection is { } found) lookupKinds[found.Id] = found.Kind;
        }
        var flowErrors = flow.Validate(new FlowReferences(GroupExists: true, source?.Kind, destination?.Kind, lookupKinds));
        Move(flowErrors, nameof(FlowForm.SourceConnectionId), prefix + "sourceConnection", errors);
        Move(flowErrors, nameof(FlowForm.DestinationConnectionId), prefix + "destinationConnection", errors);
        for (var j = 0; j < flow.Lookups.Count; j++)
        {
            Move(flowErrors, $"{nameof(FlowForm.Lookups)}[{j}].{nameof(LookupForm.ConnectionId)}", $"{prefix}definition.lookups[{j}].connection", errors);
        }
        // The save path's expression check, on a flow whose fields are right (FlowService.SaveAsync does the same).
        if (flowErrors.Count == 0) flowErrors = FlowExpressionCheck.Errors(flow, FlowExpressionCheck.Check(flow));
        Add(errors, prefix + "definition.", flowErrors);

        var triggers = new List<KafkaTriggerForm>();
        var exportedTriggers = exported.Triggers ?? [];
        for (var j = 0; j < exportedTriggers.Count; j++)
        {
            var triggerPrefix = $"{prefix}triggers[{j}].";
            if (exportedTriggers[j].Definition is not { } definition)
            {
                errors[triggerPrefix + "definition"] = "The trigger has no definition.";
                continue;
            }
            var trigger = definition.ToForm(0);
            var connection = Resolve(exportedTriggers[j].Connection, triggerPrefix + "connection");
            trigger.ConnectionId = connection?.Id;
            trigger.FlowId = 0;
            var triggerErrors = trigger.Validate(connection is { } c ? new TriggerConnection(exportedTriggers[j].Connection!.Trim(), c.Kind) : null, flowExists: true);
            Move(triggerErrors, nameof(KafkaTriggerForm.ConnectionId), triggerPrefix + "connection", errors);
            Add(errors, triggerPrefix + "definition.", triggerErrors);
            if (triggers.Any(t => t.Topic.Trim() == trigger.Topic.Trim() && t.ConsumerGroup.Trim() == trigger.ConsumerGroup.Trim()))
            {
                errors.TryAdd(triggerPrefix + "definition.topic", $"The flow has two triggers on topic '{trigger.Topic.Trim()}' with consumer group '{trigger.ConsumerGroup.Trim()}'.");
            }
            triggers.Add(trigger);
        }
        return (flow, triggers);

        (int Id, ConnectionKind Kind)? Resolve(string? name, string key)
        {
            if (string.IsNullOrWhiteSpace(name)) return null;
            if (connections.TryGetValue(name.Trim(), out var found)) return found;
            errors[key] = $"No connection named '{name.Trim()}'. Create it first: exports name connections and never carry their secrets.";
            return null;
        }
    }

    private static void Add(Dictionary<string, string> errors, string prefix, Dictionary<string, string> found)
    {
        foreach (var (key, message) in found) errors.TryAdd(prefix + ApiResults.JsonPath(key), message);
    }

    /// <summary>Reports a form's problem with a connection id under the export's connection-name property.</summary>
    private static void Move(Dictionary<string, string> found, string formKey, string exportKey, Dictionary<string, string> errors)
    {
        // TryAdd: an unknown name was already reported under this key, more precisely than the form can.
        if (found.Remove(formKey, out var message)) errors.TryAdd(exportKey, message);
    }
}

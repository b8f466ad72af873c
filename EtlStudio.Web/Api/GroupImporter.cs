using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Editing;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Api;

/// <summary>Creates a group, its flows and triggers from a <see cref="GroupExport"/>, all or nothing, with the same
/// validation as the portal. Connections must already exist under the exported names. A group name that is taken is
/// a conflict: rename it in the file (or delete the existing group) and import again.</summary>
internal sealed class GroupImporter(IDbContextFactory<EtlDbContext> contexts, TimeProvider clock)
{
    public async Task<ImportResult> ImportAsync(GroupExport export, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (export.FormatVersion != GroupExport.CurrentVersion)
        {
            errors["formatVersion"] = $"Format version {export.FormatVersion} is not supported; this server reads version {GroupExport.CurrentVersion}.";
        }
        var groupForm = (export.Group ?? new GroupInput(null, null, null, null, null, null, null)).ToForm(0);
        Add(errors, "group.", groupForm.Validate());

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connections = await db.Connections.AsNoTracking().Select(c => new { c.Id, c.Name, c.Kind }).ToListAsync(cancellationToken);
        var byName = connections.ToDictionary(c => c.Name, c => (c.Id, c.Kind), StringComparer.OrdinalIgnoreCase);
        var flows = new List<(FlowForm Flow, List<KafkaTriggerForm> Triggers)>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var exportedFlows = export.Flows ?? [];
        for (var i = 0; i < exportedFlows.Count; i++)
        {
            var prefix = $"flows[{i}].";
            var exported = exportedFlows[i];
            var flow = (exported.Definition ?? new FlowInput(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null))
                .ToForm(0, i);
            flow.GroupId = 0;
            var source = Resolve(exported.SourceConnection, "sourceConnection");
            var destination = Resolve(exported.DestinationConnection, "destinationConnection");
            flow.SourceConnectionId = source?.Id;
            flow.DestinationConnectionId = destination?.Id;
            var flowErrors = flow.Validate(new FlowReferences(GroupExists: true, source?.Kind, destination?.Kind));
            Move(flowErrors, nameof(FlowForm.SourceConnectionId), "sourceConnection", prefix, errors);
            Move(flowErrors, nameof(FlowForm.DestinationConnectionId), "destinationConnection", prefix, errors);
            Add(errors, prefix + "definition.", flowErrors);
            if (flow.Name.Trim().Length > 0 && !names.Add(flow.Name.Trim())) errors[prefix + "definition.name"] = $"The file has two flows named '{flow.Name.Trim()}'.";

            var triggers = new List<KafkaTriggerForm>();
            var exportedTriggers = exported.Triggers ?? [];
            for (var j = 0; j < exportedTriggers.Count; j++)
            {
                var triggerPrefix = $"{prefix}triggers[{j}].";
                var trigger = (exportedTriggers[j].Definition ?? new TriggerInput(null, null, null, null, null, null, null, null)).ToForm(0);
                var connection = Resolve(exportedTriggers[j].Connection, $"triggers[{j}].connection");
                trigger.ConnectionId = connection?.Id;
                trigger.FlowId = 0;
                var triggerErrors = trigger.Validate(connection?.Kind, flowExists: true);
                Move(triggerErrors, nameof(KafkaTriggerForm.ConnectionId), "connection", triggerPrefix, errors);
                Add(errors, triggerPrefix + "definition.", triggerErrors);
                triggers.Add(trigger);
            }
            flows.Add((flow, triggers));

            (int Id, ConnectionKind Kind)? Resolve(string? name, string key)
            {
                if (string.IsNullOrWhiteSpace(name)) return null;
                if (byName.TryGetValue(name.Trim(), out var found)) return found;
                errors[prefix + key] = $"No connection named '{name.Trim()}'. Create it first: exports name connections and never carry their secrets.";
                return null;
            }
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
        foreach (var (form, triggers) in flows)
        {
            var flow = new Flow { Name = form.Name, Group = group, CreatedUtc = now, UpdatedUtc = now };
            form.GroupId = null;
            form.ApplyTo(flow);
            db.Flows.Add(flow);
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

    private static void Add(Dictionary<string, string> errors, string prefix, Dictionary<string, string> found)
    {
        foreach (var (key, message) in found) errors.TryAdd(prefix + ApiResults.JsonPath(key), message);
    }

    /// <summary>Reports a form's problem with a connection id under the export's connection-name property.</summary>
    private static void Move(Dictionary<string, string> found, string formKey, string exportKey, string prefix, Dictionary<string, string> errors)
    {
        if (found.Remove(formKey, out var message)) errors.TryAdd(prefix + exportKey, message.StartsWith("No connection with id", StringComparison.Ordinal) ? "Name a connection." : message);
    }
}

/// <summary>The created group's id, or every problem (JSON paths), or the name conflict.</summary>
internal sealed record ImportResult(int GroupId, Dictionary<string, string> Errors, string? Conflict);

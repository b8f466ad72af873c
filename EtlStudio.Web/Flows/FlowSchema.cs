using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Web.Security.Authentication;

namespace EtlStudio.Web.Flows;

/// <summary>"Create table": the engine's plan of the DDL that makes the destination table fit the mapping
/// (<see cref="IDestinationLoader.PlanAsync"/>), shown before anything runs, and its application. The plan is made again
/// when applied, so what runs is what the table needs now, never statements a caller sent. A saved flow (the API) and
/// the designer's draft (saved or not) go through the same two methods and so the same engine code as a run.</summary>
internal sealed partial class FlowSchema(FlowDefinitionFactory definitions, ILoaderFactory loaders, CurrentUser user, ILogger<FlowSchema> logger)
{
    /// <summary>The plan for flow <paramref name="flowId"/>'s destination. The source's fields are not read: a plan
    /// from here compares the mapping with the table (unmapped source fields show in the run and its dry run).</summary>
    public async Task<SchemaPlan> PlanAsync(int flowId, CancellationToken cancellationToken)
    {
        var definition = (await definitions.LoadAsync(flowId, cancellationToken)).Definition;
        return await PlanAsync(definition.Destination, definition.Columns, null, definition.UnmappedFields, cancellationToken);
    }

    /// <summary>Plans and, when the plan has statements and no problem, runs them. Returns the plan and whether it ran;
    /// a statement the database refuses is an <see cref="EtlDataException"/> naming the table and the statement.</summary>
    public async Task<(SchemaPlan Plan, bool Applied)> ApplyAsync(int flowId, CancellationToken cancellationToken)
    {
        var definition = (await definitions.LoadAsync(flowId, cancellationToken)).Definition;
        return await ApplyAsync($"flow {flowId}", definition.Destination, definition.Columns, null, definition.UnmappedFields, cancellationToken);
    }

    /// <summary>The plan for <paramref name="destination"/> and the mapped <paramref name="columns"/>;
    /// <paramref name="sourceFields"/>: the fields the source has (null: not known), without those only expressions read.</summary>
    public Task<SchemaPlan> PlanAsync(DestinationDefinition destination, IReadOnlyList<ColumnMap> columns, IReadOnlyList<string>? sourceFields,
        UnmappedFieldPolicy policy, CancellationToken cancellationToken) =>
        loaders.Create(destination.Provider).PlanAsync(destination, [.. columns.Select(TargetColumn.Of)], sourceFields, policy, cancellationToken);

    /// <summary>Plans again and runs the plan's statements when it has some and no problem; <paramref name="what"/> names
    /// the flow or draft in the log.</summary>
    public async Task<(SchemaPlan Plan, bool Applied)> ApplyAsync(string what, DestinationDefinition destination, IReadOnlyList<ColumnMap> columns,
        IReadOnlyList<string>? sourceFields, UnmappedFieldPolicy policy, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(destination, columns, sourceFields, policy, cancellationToken);
        if (!plan.IsValid || plan.Statements.Count == 0) return (plan, false);
        await loaders.Create(destination.Provider).ApplyAsync(destination, plan, cancellationToken);
        Applied(logger, what, plan.Table, plan.Statements.Count, user.Name);
        return (plan, true);
    }

    [LoggerMessage(1, LogLevel.Information, "{Flow}: {Count} schema statement(s) applied to table {Table} by {User}")]
    private static partial void Applied(ILogger logger, string flow, string table, int count, string user);
}

using EtlStudio.Engine;
using EtlStudio.Engine.Loading;

namespace EtlStudio.Web.Flows;

/// <summary>"Create table" for a saved flow: the engine's plan of the DDL that makes the destination table fit the
/// mapping (<see cref="IDestinationLoader.PlanAsync"/>), shown before anything runs, and its application. The plan is
/// made again when applied, so what runs is what the table needs now, never statements a caller sent.</summary>
internal sealed partial class FlowSchema(FlowDefinitionFactory definitions, ILoaderFactory loaders, ILogger<FlowSchema> logger)
{
    /// <summary>The plan for flow <paramref name="flowId"/>'s destination. The source's fields are not read: a plan
    /// from here compares the mapping with the table (unmapped source fields show in the run and its dry run).</summary>
    public async Task<SchemaPlan> PlanAsync(int flowId, CancellationToken cancellationToken)
    {
        var definition = (await definitions.LoadAsync(flowId, cancellationToken)).Definition;
        return await Loader(definition).PlanAsync(definition.Destination, [.. definition.Columns.Select(TargetColumn.Of)], null,
            definition.UnmappedFields, cancellationToken);
    }

    /// <summary>Plans and, when the plan has statements and no problem, runs them. Returns the plan and whether it ran;
    /// a statement the database refuses is an <see cref="EtlDataException"/> naming the table and the statement.</summary>
    public async Task<(SchemaPlan Plan, bool Applied)> ApplyAsync(int flowId, string? user, CancellationToken cancellationToken)
    {
        var definition = (await definitions.LoadAsync(flowId, cancellationToken)).Definition;
        var loader = Loader(definition);
        var plan = await loader.PlanAsync(definition.Destination, [.. definition.Columns.Select(TargetColumn.Of)], null, definition.UnmappedFields, cancellationToken);
        if (!plan.IsValid || plan.Statements.Count == 0) return (plan, false);
        await loader.ApplyAsync(definition.Destination, plan, cancellationToken);
        Applied(logger, flowId, plan.Table, plan.Statements.Count, user ?? "(unknown)");
        return (plan, true);
    }

    private IDestinationLoader Loader(Engine.Definitions.FlowDefinition definition) => loaders.Create(definition.Destination.Provider);

    [LoggerMessage(1, LogLevel.Information, "Flow {FlowId}: {Count} schema statement(s) applied to table {Table} by {User}")]
    private static partial void Applied(ILogger logger, int flowId, string table, int count, string user);
}

using EtlStudio.Data.Entities;
using EtlStudio.Engine.Mapping.Expressions;

namespace EtlStudio.Web.Flows;

/// <summary>What <see cref="FlowService.SaveAsync"/> did: the saved flow (its columns loaded), or the field problems keyed by
/// <see cref="FlowForm"/> property path, or the name conflict, or that the flow to update does not exist. When an
/// expression did not compile, <see cref="Expressions"/> holds the engine's problems (column, position) behind the errors.</summary>
internal sealed record FlowSaveResult(Flow? Flow, IReadOnlyDictionary<string, string>? Errors, string? Conflict, bool NotFound = false,
    IReadOnlyList<ExpressionProblem>? Expressions = null)
{
    public static FlowSaveResult Missing { get; } = new(null, null, null, NotFound: true);

    public static FlowSaveResult Invalid(Dictionary<string, string> errors, IReadOnlyList<ExpressionProblem>? expressions = null) =>
        new(null, errors, null, Expressions: expressions);

    public static FlowSaveResult Conflicting(string conflict) => new(null, null, conflict);

    public bool Saved => Flow is not null;
}

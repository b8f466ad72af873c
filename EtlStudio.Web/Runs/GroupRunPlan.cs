namespace EtlStudio.Web.Runs;

/// <summary>The runs of one group run: all in flow order, and those newly created (the others were already queued).</summary>
internal sealed record GroupRunPlan(IReadOnlyList<Guid> All, IReadOnlyList<Guid> Created, int MaxParallelFlows);

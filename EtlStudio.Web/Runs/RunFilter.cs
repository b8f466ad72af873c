using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Runs;

/// <summary>The Runs page filters. Times are UTC; <see cref="ToUtc"/> is exclusive.</summary>
public sealed class RunFilter
{
    public int? FlowId { get; set; }
    public int? GroupId { get; set; }
    public RunStatus? Status { get; set; }
    public RunTrigger? Trigger { get; set; }
    public DateTime? FromUtc { get; set; }
    public DateTime? ToUtc { get; set; }

    public IQueryable<FlowRun> Apply(IQueryable<FlowRun> runs)
    {
        if (FlowId is { } flow) runs = runs.Where(r => r.FlowId == flow);
        if (GroupId is { } group) runs = runs.Where(r => r.GroupId == group);
        if (Status is { } status) runs = runs.Where(r => r.Status == status);
        if (Trigger is { } trigger) runs = runs.Where(r => r.Trigger == trigger);
        if (FromUtc is { } from) runs = runs.Where(r => r.QueuedUtc >= from);
        if (ToUtc is { } to) runs = runs.Where(r => r.QueuedUtc < to);
        return runs;
    }
}

namespace EtlStudio.Data.Entities;

public class FlowRunStep
{
    public long Id { get; set; }
    public Guid RunId { get; set; }
    public required string Name { get; set; }
    public RunStatus Status { get; set; }
    public DateTime StartedUtc { get; set; }
    public DateTime? EndedUtc { get; set; }
    public long DurationMs { get; set; }
    public string? Error { get; set; }
}

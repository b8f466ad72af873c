namespace EtlStudio.Data.Entities;

public class RunLogEntry
{
    public long Id { get; set; }
    public Guid RunId { get; set; }
    public DateTime AtUtc { get; set; }
    public required string Level { get; set; }
    public required string Message { get; set; }
}

namespace EtlStudio.Data.Entities;

public class RejectedRowRecord
{
    public long Id { get; set; }
    public Guid RunId { get; set; }
    public string? Origin { get; set; }
    public long RowNumber { get; set; }
    public string? Column { get; set; }
    public string? Value { get; set; }
    public required string Reason { get; set; }
}

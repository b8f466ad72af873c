namespace EtlStudio.Data.Entities;

/// <summary>A staged file of a run (raw extract, mapped output).</summary>
public class RunArtifact
{
    public long Id { get; set; }
    public Guid RunId { get; set; }
    public required string Name { get; set; }
    public required string Location { get; set; }
    public long Length { get; set; }
}

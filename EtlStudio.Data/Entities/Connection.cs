namespace EtlStudio.Data.Entities;

/// <summary>A named connection. <see cref="Settings"/> holds the non-secret part as JSON (host, database, user,
/// base URL, container, folder, bootstrap servers…); <see cref="Secret"/> holds the password, key or token,
/// protected at rest and never echoed back.</summary>
public class Connection
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public ConnectionKind Kind { get; set; }
    public string Settings { get; set; } = "{}";
    public string? Secret { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
}

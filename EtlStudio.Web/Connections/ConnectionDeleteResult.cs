namespace EtlStudio.Web.Connections;

/// <summary>What <see cref="ConnectionService.DeleteAsync"/> did: deleted, found nothing, or refused with
/// <see cref="Refusal"/> naming the flows and triggers that use the connection.</summary>
internal sealed record ConnectionDeleteResult(bool Deleted, bool NotFound, string? Refusal)
{
    public static ConnectionDeleteResult Done { get; } = new(true, false, null);

    public static ConnectionDeleteResult Missing { get; } = new(false, true, null);

    public static ConnectionDeleteResult Refused(string refusal) => new(false, false, refusal);
}

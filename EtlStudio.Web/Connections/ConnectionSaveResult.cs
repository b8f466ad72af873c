using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Connections;

/// <summary>What <see cref="ConnectionService.SaveAsync"/> did: saved <see cref="Connection"/>, or refused it for
/// <see cref="Errors"/> (keyed as <see cref="ConnectionRules"/> keys them), a <see cref="Conflict"/> on the name, or
/// because the connection to update does not exist (<see cref="NotFound"/>).</summary>
internal sealed record ConnectionSaveResult(Connection? Connection, IReadOnlyDictionary<string, string> Errors, string? Conflict, bool NotFound)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public static ConnectionSaveResult Saved(Connection connection) => new(connection, NoErrors, null, false);

    public static ConnectionSaveResult Invalid(IReadOnlyDictionary<string, string> errors) => new(null, errors, null, false);

    public static ConnectionSaveResult Taken(string conflict) => new(null, NoErrors, conflict, false);

    public static ConnectionSaveResult Missing { get; } = new(null, NoErrors, null, true);
}

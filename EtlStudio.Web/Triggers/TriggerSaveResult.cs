namespace EtlStudio.Web.Triggers;

/// <summary>What <see cref="TriggerService.SaveAsync"/> did: saved (<see cref="Id"/>), refused with problems keyed by
/// property, refused for a conflict, or found no trigger to replace.</summary>
internal sealed record TriggerSaveResult(int Id, IReadOnlyDictionary<string, string> Errors, string? Conflict, bool IsNotFound)
{
    public static TriggerSaveResult NotFound { get; } = new(0, new Dictionary<string, string>(), null, true);

    public static TriggerSaveResult Saved(int id) => new(id, new Dictionary<string, string>(), null, false);

    public static TriggerSaveResult Invalid(IReadOnlyDictionary<string, string> errors) => new(0, errors, null, false);

    public static TriggerSaveResult Conflicted(string conflict) => new(0, new Dictionary<string, string>(), conflict, false);

    public bool Succeeded => Id != 0;
}

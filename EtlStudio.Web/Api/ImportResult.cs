namespace EtlStudio.Web.Api;

/// <summary>The created group's id, or every problem (JSON paths), or the name conflict.</summary>
internal sealed record ImportResult(int GroupId, Dictionary<string, string> Errors, string? Conflict);

namespace EtlStudio.Web.Security.Authentication;

/// <summary>A local account as the user page shows it. No hashes leave this class.</summary>
public sealed record UserSummary(string Id, string Email, string Role, bool LockedOut, DateTime? ApiKeyCreatedUtc);

using Microsoft.AspNetCore.Identity;

namespace EtlStudio.Data.Entities;

/// <summary>A local account (Authentication:Mode = Local). With Entra ID sign-in users live in Entra, not here.</summary>
public class EtlUser : IdentityUser
{
    /// <summary>SHA-256 (hex) of the user's API key for scripts (header <c>X-Api-Key</c>); null when none was issued.
    /// The key itself is shown once when issued and never stored.</summary>
    public string? ApiKeyHash { get; set; }

    /// <summary>When the current API key was issued.</summary>
    public DateTime? ApiKeyCreatedUtc { get; set; }
}

using EtlStudio.Web.Components.Controls;

namespace EtlStudio.Web.Connections;

/// <summary>A connection as the portal's editor or the API asks to save it. <paramref name="NewSecret"/> is read only
/// when <paramref name="Secret"/> is <see cref="SecretChange.Replace"/>; it is stored protected, never as typed.</summary>
public sealed record ConnectionChange(string? Name, ConnectionSettings Settings, SecretChange Secret, string? NewSecret = null)
{
    /// <summary>Whether a secret is stored once saved, given whether one is stored now.</summary>
    public bool WillHaveSecret(bool hasStoredSecret) => Secret switch
    {
        SecretChange.Replace => !string.IsNullOrEmpty(NewSecret),
        SecretChange.Clear => false,
        _ => hasStoredSecret,
    };
}

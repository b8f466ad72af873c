namespace EtlStudio.Web.Security.Secrets;

/// <summary>Section <c>KeyVault</c>: the vault that <c>kv://name</c> secret references are read from.</summary>
public sealed class KeyVaultSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "KeyVault";

    /// <summary><c>KeyVault:Uri</c>, e.g. <c>https://myvault.vault.azure.net/</c>.</summary>
    public Uri? Uri { get; set; }
}

using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Connections;

/// <summary>Azure Blob container: <see cref="AccountUrl"/> (https://account.blob.core.windows.net) with the account key or
/// SAS in the secret, or no URL and a full storage connection string in the secret.</summary>
public sealed record AzureBlobSettings(string Container, Uri? AccountUrl = null) : ConnectionSettings
{
    public override ConnectionKind Kind => ConnectionKind.AzureBlob;
    public override string Summary => AccountUrl is null ? Container : $"{AccountUrl}{Container}";
}

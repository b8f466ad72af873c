using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using EtlStudio.Web.Connections;

namespace EtlStudio.Web.Connections;

/// <summary>Checks an Azure Blob container exists, with the key, SAS token or connection string of the connection.</summary>
internal sealed class BlobProbe
{
    public async Task<ConnectionTestResult> TestAsync(AzureBlobSettings settings, string? secret, CancellationToken cancellationToken)
    {
        var options = new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(6) } };
        BlobContainerClient container;
        try
        {
            container = Client(settings, secret, options);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return ConnectionTestResult.Failed($"The secret is not a usable storage connection string, account key or SAS token: {e.Message}");
        }
        var where = $"{container.Uri.GetLeftPart(UriPartial.Authority)}";
        try
        {
            return await container.ExistsAsync(cancellationToken)
                ? ConnectionTestResult.Ok($"Container '{settings.Container}' exists at {where}.")
                : ConnectionTestResult.Failed($"Container missing: '{settings.Container}' does not exist at {where}.");
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403)
        {
            return ConnectionTestResult.Failed($"Login refused: {where} answered HTTP {e.Status} ({e.ErrorCode}); check the key or SAS token.");
        }
        catch (RequestFailedException e) when (e.Status == 0)
        {
            return ConnectionTestResult.Failed($"Host unreachable: {where} ({e.InnerException?.Message ?? e.Message}).");
        }
        catch (RequestFailedException e)
        {
            return ConnectionTestResult.Failed($"{where} answered HTTP {e.Status} ({e.ErrorCode}).");
        }
    }

    private static BlobContainerClient Client(AzureBlobSettings settings, string? secret, BlobClientOptions options)
    {
        if (settings.AccountUrl is null)
        {
            return new BlobContainerClient(secret ?? throw new FormatException("no connection string is set"), settings.Container, options);
        }
        var containerUrl = new Uri(settings.AccountUrl.ToString().TrimEnd('/') + "/" + settings.Container);
        if (string.IsNullOrEmpty(secret)) return new BlobContainerClient(containerUrl, options);
        if (secret.Contains("sig=", StringComparison.Ordinal)) return new BlobContainerClient(containerUrl, new AzureSasCredential(secret.TrimStart('?')), options);
        var account = settings.AccountUrl.Host.Split('.')[0];
        // Azurite and emulators put the account in the path instead of the host name.
        if (settings.AccountUrl.AbsolutePath.Trim('/') is { Length: > 0 } pathAccount) account = pathAccount.Split('/')[0];
        return new BlobContainerClient(containerUrl, new StorageSharedKeyCredential(account, secret), options);
    }
}

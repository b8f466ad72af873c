using Azure;
using Azure.Core;
using Azure.Identity;
using Confluent.Kafka;

namespace EtlStudio.Web.Triggers;

/// <summary>SASL OAUTHBEARER tokens from Entra ID (managed identity, workload identity, developer sign-in) for Azure
/// Event Hubs' Kafka endpoint, where the deployment disables SAS keys.</summary>
/// <param name="credential">Usually <see cref="DefaultAzureCredential"/>; <c>AZURE_CLIENT_ID</c> picks a user-assigned identity.</param>
/// <param name="scope"><c>https://{namespace}.servicebus.windows.net/.default</c>.</param>
internal sealed class EntraIdToken(TokenCredential credential, string scope)
{
    public string Scope => scope;

    /// <summary>librdkafka's refresh callback: runs on the client's poll thread when a token is needed or about to
    /// expire, so it blocks on the credential (which caches tokens).</summary>
    public void Refresh(IClient client, string oauthBearerConfig)
    {
        try
        {
            var token = credential.GetToken(new TokenRequestContext([scope]), CancellationToken.None);
            client.OAuthBearerSetToken(token.Token, token.ExpiresOn.ToUnixTimeMilliseconds(), "etlstudio");
        }
        catch (Exception e) when (e is AuthenticationFailedException or CredentialUnavailableException or RequestFailedException)
        {
            // librdkafka retries the refresh and reports the failure through the error handler (health: degraded).
            client.OAuthBearerSetTokenFailure($"Entra ID token for {scope}: {e.Message}");
        }
    }
}

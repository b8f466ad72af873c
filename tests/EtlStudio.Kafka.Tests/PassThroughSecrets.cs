using EtlStudio.Web.Security;

namespace EtlStudio.Kafka.Tests;

/// <summary>Stores secrets as they are: protection at rest is another component's concern and tested there.</summary>
internal sealed class PassThroughSecrets : ISecretProtector
{
    public string Protect(string secret) => secret;

    public string Unprotect(string stored) => stored;
}

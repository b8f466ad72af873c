using EtlStudio.Web.Security;

namespace EtlStudio.Browser.Tests;

/// <summary>Test stand-in for the Data Protection secret protector (registered only when the app has none).</summary>
internal sealed class PassThroughSecretProtector : ISecretProtector
{
    public string Protect(string secret) => secret;

    public string Unprotect(string stored) => stored;
}

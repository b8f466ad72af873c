namespace EtlStudio.Web.Security.Authentication;

/// <summary>How people sign in.</summary>
public enum AuthenticationMode
{
    /// <summary>Local accounts in the configuration database; the first Admin is created at <c>/setup</c>.</summary>
    Local,
    /// <summary>Microsoft Entra ID (OpenID Connect); roles are the app registration's app roles.</summary>
    EntraId,
}

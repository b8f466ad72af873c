namespace EtlStudio.Web.Security.Secrets;

/// <summary>A stored secret cannot be turned back into its value. The message says why and what to check; it never
/// contains the secret.</summary>
public sealed class SecretUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

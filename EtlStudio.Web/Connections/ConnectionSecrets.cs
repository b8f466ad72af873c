using EtlStudio.Data.Entities;
using EtlStudio.Web.Security;

namespace EtlStudio.Web.Connections;

/// <summary>Turns a connection's stored secret back into the secret itself, for the code that connects with it (run and
/// designer definitions, the Kafka client, a connection test). A test keeps every other <c>Unprotect</c> call out of the
/// portal's source (<c>ConnectionSecretsTests</c>).</summary>
internal static class ConnectionSecrets
{
    /// <summary>The secret of <paramref name="connection"/>, or null when it has none.</summary>
    public static string? Reveal(ISecretProtector protector, Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return Reveal(protector, connection.Secret);
    }

    /// <summary>The secret of a stored (protected) value, or null for none.</summary>
    public static string? Reveal(ISecretProtector protector, string? stored)
    {
        ArgumentNullException.ThrowIfNull(protector);
        return string.IsNullOrEmpty(stored) ? null : protector.Unprotect(stored);
    }
}

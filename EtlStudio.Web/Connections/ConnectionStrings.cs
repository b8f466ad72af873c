using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Connections;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EtlStudio.Web.Connections;

/// <summary>ADO.NET and storage connection strings from a connection's settings and its (unprotected) secret.
/// Built with the providers' builders so a password with <c>;</c> or quotes cannot inject keywords.</summary>
internal static class ConnectionStrings
{
    public static DatabaseProvider Provider(ConnectionKind kind) => kind switch
    {
        ConnectionKind.PostgreSql => DatabaseProvider.PostgreSql,
        ConnectionKind.SqlServer => DatabaseProvider.SqlServer,
        ConnectionKind.Oracle => DatabaseProvider.Oracle,
        ConnectionKind.Sqlite => DatabaseProvider.Sqlite,
        _ => throw new EtlStudio.Engine.EtlDataException($"a {kind} connection is not a database"),
    };

    public static string Database(ConnectionSettings settings, string? secret, string contentRoot) => settings switch
    {
        PostgreSqlSettings p => new NpgsqlConnectionStringBuilder
        {
            Host = p.Host,
            Port = p.Port,
            Database = p.Database,
            Username = p.Username,
            Password = secret,
            SslMode = Enum.TryParse<SslMode>(p.SslMode, ignoreCase: true, out var ssl) ? ssl : SslMode.Prefer,
        }.ConnectionString,
        SqlServerSettings s => SqlServer(s, secret),
        SqliteSettings s => new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(s.DataSource, contentRoot) }.ConnectionString,
        // ODP.NET's EZConnect form; the provider itself is added by the deployment.
        OracleSettings o => $"Data Source=//{o.Host}:{o.Port}/{o.ServiceName};User Id={o.Username};Password=\"{secret?.Replace("\"", "", StringComparison.Ordinal)}\"",
        _ => throw new EtlStudio.Engine.EtlDataException($"a {settings.Kind} connection is not a database"),
    };

    private static string SqlServer(SqlServerSettings s, string? secret)
    {
        var builder = new SqlConnectionStringBuilder
        {
            DataSource = s.Server,
            InitialCatalog = s.Database,
            Encrypt = s.Encrypt ? SqlConnectionEncryptOption.Mandatory : SqlConnectionEncryptOption.Optional,
            TrustServerCertificate = s.TrustServerCertificate,
        };
        switch (s.Authentication)
        {
            case SqlServerAuthentication.ActiveDirectoryManagedIdentity:
                builder.Authentication = SqlAuthenticationMethod.ActiveDirectoryManagedIdentity;
                // A user-assigned identity's client id goes in the user id.
                if (!string.IsNullOrEmpty(s.Username)) builder.UserID = s.Username;
                break;
            case SqlServerAuthentication.ActiveDirectoryDefault:
                builder.Authentication = SqlAuthenticationMethod.ActiveDirectoryDefault;
                break;
            default:
                builder.UserID = s.Username;
                builder.Password = secret;
                break;
        }
        return builder.ConnectionString;
    }

    /// <summary>Blob: the secret is a full storage connection string (no account URL), a SAS token, or an account key.</summary>
    public static string Blob(AzureBlobSettings settings, string? secret)
    {
        if (settings.AccountUrl is null)
        {
            return string.IsNullOrEmpty(secret) ? throw new EtlStudio.Engine.EtlDataException("an Azure Blob connection without account URL needs a connection string as its secret") : secret;
        }
        var endpoint = settings.AccountUrl.ToString().TrimEnd('/');
        if (string.IsNullOrEmpty(secret)) throw new EtlStudio.Engine.EtlDataException($"the Azure Blob connection to {endpoint} has no key or SAS token");
        if (secret.Contains("sig=", StringComparison.Ordinal)) return $"BlobEndpoint={endpoint};SharedAccessSignature={secret.TrimStart('?')}";
        var account = settings.AccountUrl.Host.Split('.')[0];
        return $"DefaultEndpointsProtocol={settings.AccountUrl.Scheme};AccountName={account};AccountKey={secret};BlobEndpoint={endpoint}";
    }
}

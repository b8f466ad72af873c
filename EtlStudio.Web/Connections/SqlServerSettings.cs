using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Connections;

/// <summary>SQL Server or Azure SQL. <see cref="Username"/> only for <see cref="SqlServerAuthentication.SqlPassword"/>.</summary>
public sealed record SqlServerSettings(string Server, string Database, string? Username,
    SqlServerAuthentication Authentication = SqlServerAuthentication.SqlPassword, bool Encrypt = true, bool TrustServerCertificate = false) : ConnectionSettings
{
    public override ConnectionKind Kind => ConnectionKind.SqlServer;
    public override string Summary => $"{Username ?? Authentication.ToString()}@{Server}/{Database}";
}

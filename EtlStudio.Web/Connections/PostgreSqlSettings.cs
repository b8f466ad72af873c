using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Connections;

public sealed record PostgreSqlSettings(string Host, string Database, string Username, int Port = 5432, string SslMode = "Prefer") : ConnectionSettings
{
    public override ConnectionKind Kind => ConnectionKind.PostgreSql;
    public override string Summary => $"{Username}@{Host}:{Port}/{Database}";
}

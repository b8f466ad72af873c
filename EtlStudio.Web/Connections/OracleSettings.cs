using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Connections;

public sealed record OracleSettings(string Host, string ServiceName, string Username, int Port = 1521) : ConnectionSettings
{
    public override ConnectionKind Kind => ConnectionKind.Oracle;
    public override string Summary => $"{Username}@{Host}:{Port}/{ServiceName}";
}

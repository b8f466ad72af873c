using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Connections;

public sealed record SqliteSettings(string DataSource) : ConnectionSettings
{
    public override ConnectionKind Kind => ConnectionKind.Sqlite;
    public override string Summary => DataSource;
}

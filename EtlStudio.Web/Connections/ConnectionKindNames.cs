using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Connections;

/// <summary>How the portal names a <see cref="ConnectionKind"/>: what people call it, not the enum's name.</summary>
public static class ConnectionKindNames
{
    public static string DisplayName(this ConnectionKind kind) => kind switch
    {
        ConnectionKind.LocalFolder => "Local folder",
        ConnectionKind.Sqlite => "SQLite",
        ConnectionKind.PostgreSql => "PostgreSQL",
        ConnectionKind.SqlServer => "SQL Server",
        ConnectionKind.Oracle => "Oracle",
        ConnectionKind.Http => "HTTP API",
        ConnectionKind.Kafka => "Kafka",
        ConnectionKind.AzureBlob => "Azure Blob",
        _ => kind.ToString(),
    };
}

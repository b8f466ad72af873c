using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Connections;

public sealed record LocalFolderSettings(string Path) : ConnectionSettings
{
    public override ConnectionKind Kind => ConnectionKind.LocalFolder;
    public override string Summary => Path;
}

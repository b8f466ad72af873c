namespace EtlStudio.Web.Connections;

public enum SqlServerAuthentication { SqlPassword, ActiveDirectoryManagedIdentity, ActiveDirectoryDefault }

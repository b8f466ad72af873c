namespace EtlStudio.Web.Connections;

/// <summary>How an SFTP connection signs in; the password or the private key is the connection's secret.</summary>
public enum SftpAuthentication { Password, PrivateKey }

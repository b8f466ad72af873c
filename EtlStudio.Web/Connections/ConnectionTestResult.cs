namespace EtlStudio.Web.Connections;

/// <summary>What a connection test found, worded for the user: what worked, or exactly what failed.</summary>
internal sealed record ConnectionTestResult(bool Succeeded, string Message)
{
    /// <summary>SFTP: the SHA-256 fingerprint of the host key the server presented, which the editor offers to pin.</summary>
    public string? Fingerprint { get; init; }

    public static ConnectionTestResult Ok(string message) => new(true, message);
    public static ConnectionTestResult Failed(string message) => new(false, message);
}

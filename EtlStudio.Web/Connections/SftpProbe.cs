using System.Globalization;
using EtlStudio.Engine;
using EtlStudio.Engine.Sources.Files;

namespace EtlStudio.Web.Connections;

/// <summary>Reads the host key an SFTP server presents and, when it matches the pinned one, signs in and lists the folder.
/// The presented fingerprint goes back with the result so the editor can offer to pin it; an unpinned or mismatched key
/// is never trusted, so the password or key is not sent to it.</summary>
internal sealed class SftpProbe
{
    private const int ListLimit = 10_000;

    public async Task<ConnectionTestResult> TestAsync(SftpSettings settings, string? secret, CancellationToken cancellationToken)
    {
        var endpoint = settings.ToEndpoint(secret);
        string presented;
        try
        {
            presented = await SftpConnector.ReadHostKeyAsync(settings.Host, settings.Port, cancellationToken);
        }
        catch (EtlDataException e)
        {
            return ConnectionTestResult.Failed($"Host unreachable: {e.Message}.");
        }
        var pinned = SftpFingerprint.Normalize(settings.HostKeyFingerprint);
        if (pinned is null)
        {
            return ConnectionTestResult.Failed($"Not pinned yet: {endpoint.Authority} presents host key {presented}. Check it with the server's administrator " +
                "(ssh-keygen -lf on its host key), then pin it and test again to sign in.") with { Fingerprint = presented };
        }
        if (!string.Equals(pinned, presented, StringComparison.Ordinal))
        {
            return ConnectionTestResult.Failed($"Host key mismatch: {pinned} is pinned, but {endpoint.Authority} presents {presented}. Nothing was sent to it. " +
                "Pin the new key only if the server's administrator confirms it changed.") with { Fingerprint = presented };
        }
        try
        {
            var names = await SftpConnector.ListAsync(endpoint, settings.Folder ?? "", ListLimit, cancellationToken);
            var count = names.Count >= ListLimit ? $"more than {ListLimit:N0}" : names.Count.ToString(CultureInfo.InvariantCulture);
            return ConnectionTestResult.Ok($"Signed in to {endpoint.Authority} as {settings.Username} (host key {presented}); folder '{SftpConnector.Folder(settings.Folder)}' holds {count} entr{(names.Count == 1 ? "y" : "ies")}.")
                with { Fingerprint = presented };
        }
        catch (EtlDataException e)
        {
            return ConnectionTestResult.Failed(e.Message) with { Fingerprint = presented };
        }
    }
}

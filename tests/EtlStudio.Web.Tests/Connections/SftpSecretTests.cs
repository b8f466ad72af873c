using EtlStudio.Data.Entities;
using EtlStudio.Web.Components.Controls;
using EtlStudio.Web.Connections;

namespace EtlStudio.Web.Tests.Connections;

public sealed class SftpSecretTests
{
    private const string Key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=\n-----END OPENSSH PRIVATE KEY-----\n";

    [Fact]
    public void A_key_typed_with_a_passphrase_is_saved_as_one_secret_the_endpoint_reads_back_whole()
    {
        var form = new ConnectionForm
        {
            Name = "Partner", Kind = ConnectionKind.Sftp, Host = "sftp.example.com", Username = "etl", HostKeyFingerprint = "SHA256:" + new string('A', 43),
            SignIn = SftpAuthentication.PrivateKey, SecretChange = SecretChange.Replace, NewSecret = Key, KeyPassphrase = "p\"hrase",
        };

        var change = form.ToChange();
        var endpoint = ((SftpSettings)change.Settings).ToEndpoint(change.NewSecret);

        Assert.Empty(form.Validate());
        Assert.Equal((Key, "p\"hrase", (string?)null), (endpoint.PrivateKey, endpoint.Passphrase, endpoint.Password));
        Assert.Equal((22, "etl"), (endpoint.Port, endpoint.User));
    }

    [Fact]
    public void A_key_without_passphrase_is_stored_as_typed_and_a_password_sign_in_sends_the_password()
    {
        Assert.Equal(Key, SftpSecret.Write(Key, null));
        Assert.Equal((Key, (string?)null), SftpSecret.Read(Key));
        var settings = new SftpSettings("h", "u", "SHA256:" + new string('A', 43));
        Assert.Equal(("pw", (string?)null), (settings.ToEndpoint("pw").Password, settings.ToEndpoint("pw").PrivateKey));
        Assert.DoesNotContain("pw", settings.ToEndpoint("pw").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fingerprint_typed_without_prefix_or_with_padding_is_stored_as_OpenSSH_prints_it()
    {
        var digest = "rydPyKd8cqbdOkKSKHv3rK7fb2MHh0DiLSZjCcAYx24";
        var form = new ConnectionForm { Kind = ConnectionKind.Sftp, Host = "h", Username = "u", HostKeyFingerprint = $" {digest}= " };

        Assert.Equal($"SHA256:{digest}", ((SftpSettings)form.ToSettings()).HostKeyFingerprint);
    }
}

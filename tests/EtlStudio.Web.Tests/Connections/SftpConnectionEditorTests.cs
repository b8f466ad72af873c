using System.Text.Json;
using EtlStudio.Data.Entities;
using EtlStudio.Testing;
using EtlStudio.Web.Connections;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace EtlStudio.Web.Tests.Connections;

/// <summary>The SFTP connection in the editor against a real OpenSSH server: Test connection shows the presented host key,
/// Pin sets it, the next test signs in, and a connection cannot be saved unpinned.</summary>
public sealed class SftpConnectionEditorTests(SshServer ssh) : PortalContext
{
    [Fact]
    public async Task Test_connection_shows_the_presented_fingerprint_and_Pin_sets_it_so_the_next_test_signs_in_and_Save_stores_it()
    {
        var folder = await ssh.CreateFolderAsync();
        await ssh.WriteFileAsync($"{folder}/a.csv", "a");
        var id = await AddAsync(new SftpSettings("127.0.0.1", ssh.User, null, folder, ssh.Port), ssh.Password);
        Render<MudPopoverProvider>();
        var cut = Render<ConnectionEditor>(p => p.Add(e => e.Id, id));
        cut.WaitForAssertion(() => Assert.Equal("set", cut.Find("[data-testid='secret-state']").TextContent.Trim()));

        Click(cut, "Test connection");
        cut.WaitForAssertion(() => Assert.Contains($"presents host key {ssh.HostKeyFingerprint}", cut.Find("[data-testid='connection-test-result']").TextContent), TimeSpan.FromSeconds(20));
        Assert.Contains(ssh.HostKeyFingerprint, cut.Find("[data-testid='connection-fingerprint']").TextContent);

        Click(cut, "Pin");
        cut.WaitForAssertion(() => Assert.Equal(ssh.HostKeyFingerprint, cut.Find("#connection-hostkeyfingerprint").GetAttribute("value")));
        Assert.Empty(cut.FindAll("[data-testid='connection-fingerprint']"));

        Click(cut, "Test connection");
        cut.WaitForAssertion(() => Assert.Contains($"Signed in to sftp://127.0.0.1:{ssh.Port} as {ssh.User}", cut.Find("[data-testid='connection-test-result']").TextContent), TimeSpan.FromSeconds(20));
        Assert.Contains("holds 1 entry", cut.Find("[data-testid='connection-test-result']").TextContent);

        Click(cut, "Save");
        cut.WaitForAssertion(() =>
        {
            using var db = Contexts.CreateDbContext();
            var saved = (SftpSettings)ConnectionSettings.FromJson(ConnectionKind.Sftp, db.Connections.Single().Settings);
            Assert.Equal(ssh.HostKeyFingerprint, saved.HostKeyFingerprint);
        });
    }

    [Fact]
    public async Task Test_connection_with_another_pinned_key_refuses_showing_pinned_and_presented_keys()
    {
        var pinned = "SHA256:" + new string('B', 43);
        var id = await AddAsync(new SftpSettings("127.0.0.1", ssh.User, pinned, null, ssh.Port), ssh.Password);
        var cut = Render<ConnectionEditor>(p => p.Add(e => e.Id, id));
        cut.WaitForAssertion(() => Assert.Equal("set", cut.Find("[data-testid='secret-state']").TextContent.Trim()));

        Click(cut, "Test connection");

        cut.WaitForAssertion(() => Assert.Contains($"Host key mismatch: {pinned} is pinned, but sftp://127.0.0.1:{ssh.Port} presents {ssh.HostKeyFingerprint}. Nothing was sent to it.",
            cut.Find("[data-testid='connection-test-result']").TextContent), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Test_connection_with_a_wrong_password_says_the_login_was_refused()
    {
        var id = await AddAsync(new SftpSettings("127.0.0.1", ssh.User, ssh.HostKeyFingerprint, null, ssh.Port), "wrong");
        var cut = Render<ConnectionEditor>(p => p.Add(e => e.Id, id));
        cut.WaitForAssertion(() => Assert.Equal("set", cut.Find("[data-testid='secret-state']").TextContent.Trim()));

        Click(cut, "Test connection");

        cut.WaitForAssertion(() => Assert.Contains("refused the login", cut.Find("[data-testid='connection-test-result']").TextContent), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task An_unpinned_connection_is_not_saved_and_says_how_to_pin()
    {
        var id = await AddAsync(new SftpSettings("127.0.0.1", ssh.User, null, null, ssh.Port), ssh.Password);
        var cut = Render<ConnectionEditor>(p => p.Add(e => e.Id, id));
        cut.WaitForAssertion(() => Assert.Equal("set", cut.Find("[data-testid='secret-state']").TextContent.Trim()));

        Click(cut, "Save");

        cut.WaitForAssertion(() => Assert.Contains("Test connection shows it, or ask the server", cut.Markup));
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        Assert.DoesNotContain("SHA256", (await db.Connections.SingleAsync(Ct)).Settings, StringComparison.Ordinal);
    }

    private async Task<int> AddAsync(SftpSettings settings, string secret)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var connection = new Connection { Name = "Partner SFTP " + Guid.NewGuid().ToString("N")[..6], Kind = ConnectionKind.Sftp, Settings = settings.ToJson(), Secret = new TestSecretProtector().Protect(secret) };
        db.Connections.Add(connection);
        await db.SaveChangesAsync(Ct);
        return connection.Id;
    }

    private static void Click(IRenderedComponent<ConnectionEditor> cut, string text) =>
        cut.FindAll("button").Single(b => b.TextContent.Trim() == text).Click();
}

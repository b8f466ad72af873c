using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Preview;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Sources.Files;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Files;

/// <summary>The SFTP source against a real OpenSSH server: glob, order, naming, the pinned host key and sign-in refusals.</summary>
public sealed class SftpFileSourceTests(SshServer ssh)
{
    private readonly SourceFactory _factory = new(new HttpClient());

    private SftpEndpoint Endpoint => new() { Host = "127.0.0.1", Port = ssh.Port, User = ssh.User, Password = ssh.Password, HostKeyFingerprint = ssh.HostKeyFingerprint };

    private FileSourceDefinition Source(string folder, string pattern, SftpEndpoint? endpoint = null) =>
        new() { Location = folder, Pattern = pattern, Sftp = endpoint ?? Endpoint };

    private string Address(string relative) => $"sftp://127.0.0.1:{ssh.Port}{ssh.Home}/{relative}";

    [Fact]
    public async Task Glob_yields_every_matching_file_in_subfolders_in_ordinal_order_named_by_sftp_address()
    {
        var folder = await ssh.CreateFolderAsync();
        await ssh.WriteFileAsync($"{folder}/exports/2026-11/orders_b.csv", "b");
        await ssh.WriteFileAsync($"{folder}/exports/2026-11/orders_a.csv", "a");
        await ssh.WriteFileAsync($"{folder}/exports/2026-12/orders_C.csv", "C");
        await ssh.WriteFileAsync($"{folder}/exports/2026-11/customers.csv", "x");
        await ssh.WriteFileAsync($"{folder}/exports/orders_top.csv", "x");
        await ssh.WriteFileAsync($"{folder}/other/2026-11/orders_d.csv", "x");

        var documents = await Documents.ReadTextAsync(_factory, Source(folder, "exports/*/orders_*.csv"));

        Assert.Equal([
            (Address($"{folder}/exports/2026-11/orders_a.csv"), "a"),
            (Address($"{folder}/exports/2026-11/orders_b.csv"), "b"),
            (Address($"{folder}/exports/2026-12/orders_C.csv"), "C"),
        ], documents);
    }

    [Fact]
    public async Task An_absolute_folder_and_a_large_file_are_read_whole_as_a_stream()
    {
        var folder = await ssh.CreateFolderAsync();
        var big = string.Concat(Enumerable.Range(0, 200_000).Select(i => $"{i},row {i}\n"));
        await ssh.WriteFileAsync($"{folder}/big.csv", big);

        var documents = await Documents.ReadTextAsync(_factory, Source($"{ssh.Home}/{folder}/", "*.csv"));

        Assert.Equal([(Address($"{folder}/big.csv"), big)], documents);
    }

    [Fact]
    public async Task A_key_encrypted_with_a_passphrase_signs_in()
    {
        var folder = await ssh.CreateFolderAsync();
        await ssh.WriteFileAsync($"{folder}/a.csv", "a");
        var endpoint = Endpoint with { Password = null, PrivateKey = ssh.EncryptedPrivateKey, Passphrase = ssh.KeyPassphrase };

        var documents = await Documents.ReadTextAsync(_factory, Source(folder, "*.csv", endpoint));

        Assert.Equal([(Address($"{folder}/a.csv"), "a")], documents);
    }

    [Fact]
    public async Task A_host_key_other_than_the_pinned_one_is_refused_naming_both_fingerprints()
    {
        var folder = await ssh.CreateFolderAsync();
        await ssh.WriteFileAsync($"{folder}/a.csv", "a");
        var pinned = "SHA256:" + new string('A', 43);

        var error = await Assert.ThrowsAsync<EtlDataException>(() => Documents.ReadTextAsync(_factory, Source(folder, "*.csv", Endpoint with { HostKeyFingerprint = pinned })));

        Assert.Contains($"presented host key {ssh.HostKeyFingerprint}, but {pinned} is pinned", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ssh.Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_without_a_pinned_fingerprint_is_refused_before_connecting()
    {
        var error = await Assert.ThrowsAsync<EtlDataException>(() => Documents.ReadTextAsync(_factory, Source("in", "*.csv", Endpoint with { HostKeyFingerprint = null })));

        Assert.Contains("has no pinned host key fingerprint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_naming_the_user_and_server()
    {
        var error = await Assert.ThrowsAsync<EtlDataException>(() => Documents.ReadTextAsync(_factory, Source("in", "*.csv", Endpoint with { Password = "wrong" })));

        Assert.Contains($"{ssh.User}@sftp://127.0.0.1:{ssh.Port} refused the login", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_the_server_does_not_know_is_refused()
    {
        var endpoint = Endpoint with { Password = null, PrivateKey = ssh.UnknownPrivateKey };

        var error = await Assert.ThrowsAsync<EtlDataException>(() => Documents.ReadTextAsync(_factory, Source("in", "*.csv", endpoint)));

        Assert.Contains("refused the login", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_that_is_not_a_private_key_is_refused_before_connecting()
    {
        var endpoint = Endpoint with { Password = null, PrivateKey = "not a key" };

        var error = await Assert.ThrowsAsync<EtlDataException>(() => Documents.ReadTextAsync(_factory, Source("in", "*.csv", endpoint)));

        Assert.Contains("private key", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_folder_is_named()
    {
        var error = await Assert.ThrowsAsync<EtlDataException>(() => Documents.ReadTextAsync(_factory, Source("no-such-folder", "*.csv")));

        Assert.Equal($"folder '{ssh.Home}/no-such-folder' does not exist on sftp://127.0.0.1:{ssh.Port}", error.Message);
    }

    [Fact]
    public async Task A_glob_that_matches_nothing_says_where_it_looked()
    {
        var folder = await ssh.CreateFolderAsync();
        await ssh.WriteFileAsync($"{folder}/a.txt", "a");

        var error = await Assert.ThrowsAsync<EtlDataException>(() => Documents.ReadTextAsync(_factory, Source(folder, "missing/*.csv")));

        Assert.Equal($"no file matches 'missing/*.csv' in '{Address(folder)}'", error.Message);
    }

    [Fact]
    public async Task Reading_the_host_key_returns_the_fingerprint_ssh_keygen_prints_without_signing_in()
    {
        var fingerprint = await SftpConnector.ReadHostKeyAsync("127.0.0.1", ssh.Port, TestContext.Current.CancellationToken);

        Assert.Equal(ssh.HostKeyFingerprint, fingerprint);
    }

    [Fact]
    public async Task Listing_a_folder_for_a_connection_test_returns_its_entries()
    {
        var folder = await ssh.CreateFolderAsync();
        await ssh.WriteFileAsync($"{folder}/a.csv", "a");
        await ssh.WriteFileAsync($"{folder}/b.csv", "b");

        var names = await SftpConnector.ListAsync(Endpoint, folder, 10, TestContext.Current.CancellationToken);

        Assert.Equal(["a.csv", "b.csv"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_designer_preview_reads_the_first_sftp_file_through_the_run_source()
    {
        var folder = await ssh.CreateFolderAsync();
        await ssh.WriteFileAsync($"{folder}/a.csv", "id,amount\n1,2.5\n2,x\n");
        await ssh.WriteFileAsync($"{folder}/b.csv", "id,amount\n3,4\n");
        var preview = new FlowPreview(_factory);
        ColumnMap[] columns = [new() { SourceField = "id", TargetColumn = "id", Type = ColumnType.Int }, new() { SourceField = "amount", TargetColumn = "amount", Type = ColumnType.Decimal }];

        var result = await preview.RunAsync(Source(folder, "*.csv"), new ParseDefinition(), columns, 100, TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        Assert.Equal(Address($"{folder}/a.csv"), result.SourceOrigin);
        Assert.Equal([(object?)1, 2.5m], result.Rows[0].Cells.Select(c => c.Value));
        Assert.True(result.Rows[1].IsRejected);
    }
}

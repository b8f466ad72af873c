using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace EtlStudio.Testing;

/// <summary>A throwaway OpenSSH server (<c>/usr/sbin/sshd</c>, Debian <c>openssh-server</c>) on a free loopback port with
/// its own host key, serving SFTP (<c>internal-sftp</c>, no chroot) to a throwaway local user who signs in with a
/// password or with either of two keys (one without, one with a passphrase). For one test assembly.</summary>
/// <remarks>sshd checks passwords against <c>/etc/shadow</c> and switches to the signed-in user, which needs root: the
/// fixture creates the user with <c>useradd</c> and removes it with <c>userdel</c> when it stops. Tests run as root here;
/// as another user the fixture refuses to start with a message saying so.</remarks>
public sealed class SshServer : IAsyncLifetime
{
    private const string Sshd = "/usr/sbin/sshd";
    private Process? _process;
    private readonly StringBuilder _log = new();

    /// <summary>The folder of the fixture: host key, client keys, config and the user's home.</summary>
    public string Directory { get; private set; } = "";

    /// <summary>Port sshd listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>The throwaway user.</summary>
    public string User { get; private set; } = "";

    /// <summary>The user's password.</summary>
    public string Password { get; } = "pw-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The user's home folder on disk; SFTP paths relative to the home resolve here.</summary>
    public string Home => Path.Combine(Directory, "home");

    /// <summary>The host key's SHA-256 fingerprint as OpenSSH prints it (<c>SHA256:…</c>), computed from the public key file.</summary>
    public string HostKeyFingerprint { get; private set; } = "";

    /// <summary>An authorized private key (OpenSSH format, no passphrase).</summary>
    public string PrivateKey { get; private set; } = "";

    /// <summary>An authorized private key encrypted with <see cref="KeyPassphrase"/>.</summary>
    public string EncryptedPrivateKey { get; private set; } = "";

    /// <summary>The passphrase of <see cref="EncryptedPrivateKey"/>.</summary>
    public string KeyPassphrase { get; } = "phrase-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A private key the server does not accept.</summary>
    public string UnknownPrivateKey { get; private set; } = "";

    /// <summary>Creates a fresh folder under the user's home, owned by the user; returns its name (relative to the home).</summary>
    public async Task<string> CreateFolderAsync(string prefix = "in")
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        System.IO.Directory.CreateDirectory(Path.Combine(Home, name));
        await ChownAsync(Path.Combine(Home, name));
        return name;
    }

    /// <summary>Writes a file under the user's home (creating folders), owned by the user.</summary>
    public async Task WriteFileAsync(string relativePath, string content)
    {
        var path = Path.Combine(Home, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content);
        await ChownAsync(Path.Combine(Home, relativePath.Split('/')[0]));
    }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Sshd))
        {
            throw new InvalidOperationException($"{Sshd} not found: run ./test.sh, which installs openssh-server.");
        }
        if (!ServerProcess.IsRoot)
        {
            throw new InvalidOperationException("The SFTP tests start sshd for a throwaway local user, which needs root (useradd, password check against /etc/shadow).");
        }
        Directory = System.IO.Directory.CreateTempSubdirectory("sshtest.").FullName;
        // sshd, as the user, must reach the home folder and the authorized keys.
        await ServerProcess.RunAsync("chmod", ["755", Directory]);
        User = "etlsftp" + Guid.NewGuid().ToString("N")[..8];
        await ServerProcess.RunAsync("useradd", ["-M", "-d", Home, "-s", "/bin/sh", User]);
        System.IO.Directory.CreateDirectory(Home);
        await ChownAsync(Home);
        await SetPasswordAsync();
        await ServerProcess.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(Directory, "hostkey")]);
        HostKeyFingerprint = Fingerprint(await File.ReadAllTextAsync(Path.Combine(Directory, "hostkey.pub")));
        PrivateKey = await KeyAsync("client", "");
        EncryptedPrivateKey = await KeyAsync("client-encrypted", KeyPassphrase);
        UnknownPrivateKey = await KeyAsync("stranger", "");
        var authorized = await File.ReadAllTextAsync(Path.Combine(Directory, "client.pub")) + await File.ReadAllTextAsync(Path.Combine(Directory, "client-encrypted.pub"));
        await File.WriteAllTextAsync(Path.Combine(Directory, "authorized_keys"), authorized);
        System.IO.Directory.CreateDirectory("/run/sshd");
        await StartAsync();
    }

    private async Task StartAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort.Next();
            var config = Path.Combine(Directory, "sshd_config");
            await File.WriteAllTextAsync(config, $"""
                Port {Port}
                ListenAddress 127.0.0.1
                HostKey {Path.Combine(Directory, "hostkey")}
                PidFile {Path.Combine(Directory, "sshd.pid")}
                AuthorizedKeysFile {Path.Combine(Directory, "authorized_keys")}
                PasswordAuthentication yes
                PubkeyAuthentication yes
                KbdInteractiveAuthentication no
                UsePAM no
                StrictModes no
                AllowUsers {User}
                Subsystem sftp internal-sftp

                """);
            var psi = new ProcessStartInfo(Sshd) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "-D", "-e", "-f", config }) psi.ArgumentList.Add(a);
            _process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start sshd");
            _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
            _process.OutputDataReceived += (_, _) => { };
            _process.BeginErrorReadLine();
            _process.BeginOutputReadLine();
            if (await ListeningAsync()) return;
            if (attempt >= 3) throw new InvalidOperationException($"sshd did not start:\n{_log}");
            await StopAsync();
        }
    }

    private async Task<bool> ListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && _process is { HasExited: false })
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        return false;
    }

    private async Task SetPasswordAsync()
    {
        var psi = new ProcessStartInfo("chpasswd") { RedirectStandardInput = true };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start chpasswd");
        await process.StandardInput.WriteLineAsync($"{User}:{Password}");
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"chpasswd exited with {process.ExitCode}");
    }

    private async Task<string> KeyAsync(string name, string passphrase)
    {
        var path = Path.Combine(Directory, name);
        await ServerProcess.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", passphrase, "-f", path]);
        return await File.ReadAllTextAsync(path);
    }

    private Task ChownAsync(string path) => ServerProcess.RunAsync("chown", ["-R", $"{User}:", path]);

    /// <summary>SHA256 of the key blob, unpadded base64: what <c>ssh-keygen -lf</c> prints.</summary>
    private static string Fingerprint(string publicKeyLine) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(publicKeyLine.Split(' ')[1]))).TrimEnd('=');

    private async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (User.Length > 0)
        {
            // Sessions of the user end with sshd's children; userdel refuses while one still runs, so try twice.
            try { await ServerProcess.RunAsync("userdel", [User]); }
            catch (InvalidOperationException) { await Task.Delay(500); await ServerProcess.RunAsync("userdel", ["-f", User]); }
        }
        if (Directory.Length > 0) System.IO.Directory.Delete(Directory, recursive: true);
    }
}

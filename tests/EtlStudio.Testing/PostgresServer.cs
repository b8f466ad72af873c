using Npgsql;
using Xunit;

namespace EtlStudio.Testing;

/// <summary>A throwaway PostgreSQL 15 cluster on a free port, for one test assembly
/// (use as an assembly fixture). Tests create their own database or table with a unique name.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string BinDir = "/usr/lib/postgresql/15/bin";
    private string _dir = "";
    private string? _runAs;

    /// <summary>Port the server listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>Connection string to the <c>postgres</c> database as superuser <c>postgres</c>.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    /// <summary>Connection string to a database of this server.</summary>
    public string ConnectionStringFor(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Include Error Detail=true";

    /// <summary>Creates a fresh database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Path.Combine(BinDir, "initdb")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 binaries not found in {BinDir}: run ./test.sh, which installs them.");
        }
        _dir = Directory.CreateTempSubdirectory("pgtest.").FullName;
        if (ServerProcess.IsRoot)
        {
            // The server refuses to run as root.
            _runAs = "postgres";
            await ServerProcess.RunAsync("chown", ["postgres:postgres", _dir]);
        }
        var data = Path.Combine(_dir, "data");
        await ServerProcess.RunAsync(Path.Combine(BinDir, "initdb"),
            ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], _runAs);
        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort.Next();
            try
            {
                await ServerProcess.RunAsync(Path.Combine(BinDir, "pg_ctl"),
                    ["-D", data, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "30", "-o",
                     $"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                     "start"], _runAs);
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took the port between probing and binding; try another.
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_dir.Length == 0) return;
        try
        {
            await ServerProcess.RunAsync(Path.Combine(BinDir, "pg_ctl"), ["-D", Path.Combine(_dir, "data"), "-m", "immediate", "-w", "stop"], _runAs);
        }
        finally
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}

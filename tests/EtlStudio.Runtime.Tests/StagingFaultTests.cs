using EtlStudio.Data.Entities;
using EtlStudio.Engine.Staging;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EtlStudio.Runtime.Tests;

/// <summary>Runs whose staging hits real operating-system faults: writes to <c>/dev/full</c> fail with ENOSPC, and
/// <c>/proc/1/environ</c> refuses writing with EACCES even to root.</summary>
public sealed class StagingFaultTests
{
    private const string DiskFull = "/dev/full";
    private const string Denied = "/proc/1/environ";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Disk_full_and_permission_denied_are_not_retried()
    {
        await using var app = await CreateAppAsync();
        var faults = app.Get<FaultyStaging>();
        var group = await TestData.GroupAsync(app);
        var (flow, source, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        await Sqlite.ExecAsync(source, "INSERT INTO events VALUES (1, 'a'), (2, 'b')");
        var launcher = app.Get<IRunLauncher>();

        faults.MappedOutput = DiskFull;
        var full = await app.WaitForEndAsync(await launcher.RunFlowAsync(flow.Id, RunTrigger.Manual, Ct));
        faults.MappedOutput = Denied;
        var denied = await app.WaitForEndAsync(await launcher.RunFlowAsync(flow.Id, RunTrigger.Manual, Ct));

        Assert.Equal((RunStatus.Failed, RunStatus.Failed), (full.Status, denied.Status));
        Assert.Contains("No space left on device", full.Error, StringComparison.Ordinal);
        Assert.StartsWith("UnauthorizedAccessException", denied.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.RunLogAsync(full.Id), m => m.Contains("transient", StringComparison.Ordinal));
        Assert.DoesNotContain(await app.RunLogAsync(denied.Id), m => m.Contains("transient", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Real_disk_full_and_permission_errors_are_permanent_while_a_refused_connection_stays_transient()
    {
        var full = Assert.ThrowsAny<IOException>(() =>
        {
            using var stream = new FileStream(DiskFull, FileMode.Open, FileAccess.Write);
            stream.Write(new byte[8192]);
            stream.Flush();
        });
        var denied = Assert.ThrowsAny<UnauthorizedAccessException>(() => new FileStream(Denied, FileMode.Open, FileAccess.Write).Dispose());
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        var refused = await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(
            async () => await socket.ConnectAsync("127.0.0.1", Testing.FreePort.Next(), Ct));

        Assert.False(TransientFailures.IsTransient(full));
        Assert.False(TransientFailures.IsTransient(denied));
        Assert.False(TransientFailures.IsTransient(new IOException("staging failed", denied)));
        // Npgsql counts a full disk (53100) among its transient errors; it stays full for a retry too.
        var diskFull = new Npgsql.PostgresException("could not extend file: No space left on device", "ERROR", "ERROR", Npgsql.PostgresErrorCodes.DiskFull);
        Assert.True(diskFull.IsTransient);
        Assert.False(TransientFailures.IsTransient(diskFull));
        Assert.True(TransientFailures.IsTransient(refused));
        Assert.True(TransientFailures.IsTransient(new IOException("The network connection was reset")));
    }

    [Fact]
    public async Task The_incomplete_staging_of_a_failed_run_is_deleted_and_its_log_says_how_many_bytes()
    {
        await using var app = await CreateAppAsync();
        app.Get<FaultyStaging>().MappedOutput = DiskFull;
        var group = await TestData.GroupAsync(app);
        var (flow, source, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        await Sqlite.ExecAsync(source, "INSERT INTO events VALUES (1, 'a'), (2, 'b'), (3, 'c')");

        var run = await app.WaitForEndAsync(await app.Get<IRunLauncher>().RunFlowAsync(flow.Id, RunTrigger.Manual, Ct));
        // The cleanup follows the recorded end.
        var deleted = await LogLineAsync(app, run.Id, "Deleted the incomplete staged output of this run");

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.False(Directory.Exists(Path.Combine(app.Root, "staging", run.Id.ToString("D"))), "the run's staging folder is still there");
        Assert.Matches(@": 1 files, [1-9][0-9]* bytes removed", deleted);
        await using var db = await app.DbAsync();
        Assert.Empty(await db.RunArtifacts.Where(a => a.RunId == run.Id).ToListAsync(Ct));
    }

    [Fact]
    public async Task Complete_mapped_output_of_a_failed_run_and_any_output_of_a_succeeded_run_are_kept()
    {
        await using var app = await RuntimeApp.CreateAsync(start: false);
        var store = app.Get<IStagingStore>();
        var cleanup = app.Get<IncompleteStagingCleanup>();
        var (complete, succeeded, incomplete) = (await RunAsync(app), await RunAsync(app), await RunAsync(app));
        await StageAsync(store, complete, "raw/query.ndjson", "mapped.ndjson", IncompleteStagingCleanup.MappedComplete);
        await StageAsync(store, succeeded, "raw/query.ndjson", "mapped.ndjson");
        await StageAsync(store, incomplete, "raw/query.ndjson", "mapped.ndjson");

        await cleanup.AfterRunAsync(complete, RunStatus.Failed);
        await cleanup.AfterRunAsync(succeeded, RunStatus.Succeeded);
        await cleanup.AfterRunAsync(incomplete, RunStatus.Cancelled);

        Assert.Equal(3, (await store.ListAsync(complete, Ct)).Count);
        Assert.Equal(2, (await store.ListAsync(succeeded, Ct)).Count);
        Assert.Empty(await store.ListAsync(incomplete, Ct));
        Assert.Single(await app.RunLogAsync(incomplete), m => m.StartsWith("Deleted the incomplete staged output", StringComparison.Ordinal));
    }

    private static async Task<Guid> RunAsync(RuntimeApp app)
    {
        await using var db = await app.DbAsync();
        var run = new FlowRun { Id = Guid.CreateVersion7(), FlowName = "staged", Status = RunStatus.Failed, QueuedUtc = DateTime.UtcNow };
        db.Runs.Add(run);
        await db.SaveChangesAsync(Ct);
        return run.Id;
    }

    private static async Task StageAsync(IStagingStore store, Guid runId, params string[] names)
    {
        foreach (var name in names)
        {
            await using var stream = await store.OpenWriteAsync(runId, name, Ct);
            await stream.WriteAsync("{}\n"u8.ToArray(), Ct);
        }
    }

    private static async Task<string> LogLineAsync(RuntimeApp app, Guid runId, string start)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var log = await app.RunLogAsync(runId);
            if (log.SingleOrDefault(m => m.StartsWith(start, StringComparison.Ordinal)) is { } line) return line;
            if (DateTime.UtcNow > deadline) Assert.Fail($"No '{start}…' in the log of run {runId} after 10 s: {string.Join(" | ", log)}");
            await Task.Delay(100, Ct);
        }
    }

    private static Task<RuntimeApp> CreateAppAsync() => RuntimeApp.CreateAsync(
        new Dictionary<string, string?> { ["Runtime:TransientRetries"] = "2" },
        services: s =>
        {
            s.AddSingleton(sp => new FaultyStaging(new LocalFolderStagingStore(Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, "staging"))));
            s.AddSingleton<IStagingStore>(sp => sp.GetRequiredService<FaultyStaging>());
        });

    /// <summary>A local staging folder whose mapped output goes to a device the test names.</summary>
    internal sealed class FaultyStaging(LocalFolderStagingStore inner) : IStagingStore
    {
        public string? MappedOutput { get; set; }

        public Task<Stream> OpenWriteAsync(Guid runId, string name, CancellationToken cancellationToken) =>
            name == "mapped.ndjson" && MappedOutput is { } device
                ? Task.FromResult<Stream>(new FileStream(device, FileMode.Open, FileAccess.Write))
                : inner.OpenWriteAsync(runId, name, cancellationToken);

        public Task<Stream> OpenReadAsync(Guid runId, string name, CancellationToken cancellationToken) => inner.OpenReadAsync(runId, name, cancellationToken);
        public Task<IReadOnlyList<StagedArtifact>> ListAsync(Guid runId, CancellationToken cancellationToken) => inner.ListAsync(runId, cancellationToken);
        public Task DeleteRunAsync(Guid runId, CancellationToken cancellationToken) => inner.DeleteRunAsync(runId, cancellationToken);
    }
}

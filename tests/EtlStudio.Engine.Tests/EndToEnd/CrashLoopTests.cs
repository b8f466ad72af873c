using System.Diagnostics;
using System.Globalization;
using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>Exactly once under <c>kill -9</c>: a child process loads 2,000,000 rows into a PostgreSQL table without a
/// key (a row loaded twice would show) and is killed at seeded random points, twenty times, each time resumed; the
/// table ends equal to the source. Each kill comes at a seeded random row count within its share of what is left (read
/// from the ledger), so it lands in the middle of the load however slow the machine is.</summary>
public sealed class CrashLoopTests(PostgresServer postgres)
{
    private const int Rows = 2_000_000;
    private const int Kills = 20;

    [Fact]
    public async Task Twenty_kills_during_a_two_million_row_append_each_resumed_leave_the_table_equal_to_the_source()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await db.ExecuteAsync("CREATE TABLE crash_items (id bigint, name text, qty integer)");
        await WriteSourceAsync(host.PathOf("items.csv"), ct);
        var load = Guid.NewGuid();
        var random = new Random(20261204);
        var partial = new List<long>();

        for (var kill = 0; kill < Kills; kill++)
        {
            var before = await CommittedAsync(db, load);
            using var child = Start(host, db.ConnectionString, load);
            // A seeded random point within this kill's share of what is left, then up to 100 ms more.
            var target = before + 1 + (long)(random.NextDouble() * (Rows - before) / (Kills - kill + 1));
            var exited = false;
            while (!exited && await CommittedAsync(db, load) < target) exited = await WaitAsync(child, TimeSpan.FromMilliseconds(20), ct);
            if (!exited) exited = await WaitAsync(child, TimeSpan.FromMilliseconds(random.Next(0, 100)), ct);
            if (!exited)
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync(ct);
            }
            var count = (await TotalsAsync(db)).Count;
            if (count is > 0 and < Rows) partial.Add(count);
        }
        using (var last = Start(host, db.ConnectionString, load))
        {
            Assert.True(await WaitAsync(last, TimeSpan.FromMinutes(4), ct), "the last resume did not finish");
            Assert.True(last.ExitCode == 0, $"the last resume failed: {await last.StandardError.ReadToEndAsync(ct)}");
        }

        Assert.True(partial.Count >= Kills / 2, $"only {partial.Count} of {Kills} kills landed in the middle of the load");
        Assert.Equal((Rows, Rows, Rows * (Rows + 1L) / 2, Expected(i => i % 1000), Expected(i => $"name {i}".Length)), await TotalsAsync(db));
    }

    /// <summary>Rows the load's ledger receipts say are committed (0 before its first batch created the ledger).</summary>
    private static async Task<long> CommittedAsync(TargetDatabase db, Guid load)
    {
        var exists = await db.QueryAsync("SELECT to_regclass('etlstudio_batches') IS NOT NULL");
        if (exists[0][0] is not true) return 0;
        var rows = await db.QueryAsync($"SELECT coalesce(sum(row_count), 0) FROM etlstudio_batches WHERE load_id = '{load}'");
        return Convert.ToInt64(rows[0][0], CultureInfo.InvariantCulture);
    }

    private static long Expected(Func<long, long> value)
    {
        long sum = 0;
        for (long i = 1; i <= Rows; i++) sum += value(i);
        return sum;
    }

    private static async Task WriteSourceAsync(string path, CancellationToken ct)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteAsync("id,name,qty\n".AsMemory(), ct);
        var line = new StringBuilder(32);
        for (var i = 1; i <= Rows; i++)
        {
            line.Clear().Append(i).Append(",name ").Append(i).Append(',').Append(i % 1000).Append('\n');
            await writer.WriteAsync(line, ct);
        }
    }

    private static Process Start(EngineHost host, string connectionString, Guid load)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { RepoPaths.CrashChild, host.Input, connectionString, "crash_items", load.ToString(), host.StagingFolder, "2" }) start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException("the crash child did not start");
    }

    private static async Task<bool> WaitAsync(Process process, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task<(long Count, long Distinct, long SumId, long SumQty, long SumNameLength)> TotalsAsync(TargetDatabase db)
    {
        var row = (await db.QueryAsync("SELECT count(*), count(DISTINCT id), coalesce(sum(id), 0), coalesce(sum(qty), 0), coalesce(sum(length(name)), 0) FROM crash_items"))[0];
        long L(object? v) => Convert.ToInt64(v, CultureInfo.InvariantCulture);
        return (L(row[0]), L(row[1]), L(row[2]), L(row[3]), L(row[4]));
    }
}

using System.Diagnostics;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Tests.Pipeline;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>Every input of <see cref="BadInputCorpus"/> through the whole engine into SQLite: the run ends, either with
/// read = written + rejected, the table holding exactly the written rows and every reject naming file and record, or
/// with an error naming the file and where; and memory stays bounded.</summary>
[Collection(typeof(MemoryMeasuredCollection))]
public sealed class BadInputCorpusTests(PostgresServer postgres)
{
    private const long MaxGrowth = 200L * 1024 * 1024;

    public static TheoryData<string> Inputs => [.. BadInputCorpus.All.Keys];

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task A_bad_input_loads_or_rejects_rows_or_fails_naming_where_with_bounded_memory(string input)
    {
        var bad = BadInputCorpus.All[input];
        await using var host = new EngineHost();
        await File.WriteAllBytesAsync(host.PathOf(bad.File), bad.Bytes, TestContext.Current.CancellationToken);
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.Sqlite, postgres);
        await db.ExecuteAsync("CREATE TABLE items (id INTEGER, name TEXT, qty INTEGER)");
        var flow = host.Flow(ItemsTable.Columns, DatabaseProvider.Sqlite, db.ConnectionString, "items", bad.File, bad.Parse);
        var rejects = new ListRejects();

        var (allocatedBefore, workingSetBefore) = Measure();
        var result = await host.RunAsync(flow, rejects);
        var (allocatedAfter, workingSetAfter) = Measure();

        Assert.True(allocatedAfter - allocatedBefore < MaxGrowth, $"{allocatedAfter - allocatedBefore:N0} bytes allocated for {bad.Bytes.Length:N0} bytes of input");
        Assert.True(workingSetAfter - workingSetBefore < MaxGrowth, $"working set grew by {workingSetAfter - workingSetBefore:N0} bytes");
        var path = host.PathOf(bad.File);
        if (bad.Written is { } written)
        {
            Assert.True(result.Succeeded, result.Error?.ToString());
            Assert.Equal((written, bad.Rejected!.Value), (result.RowsWritten, result.RowsRejected));
            Assert.Equal(result.RowsRead, result.RowsWritten + result.RowsRejected);
            Assert.Equal(written, Convert.ToInt64((await db.QueryAsync("SELECT COUNT(*) FROM items"))[0][0], System.Globalization.CultureInfo.InvariantCulture));
            Assert.All(rejects.Rows, r =>
            {
                Assert.Equal(path, r.Origin);
                Assert.True(r.RowNumber > 0, $"reject without a record number: {r}");
                Assert.False(string.IsNullOrWhiteSpace(r.Reason));
            });
        }
        else
        {
            Assert.False(result.Succeeded);
            var error = Assert.IsAssignableFrom<EtlDataException>(result.Error);
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains(bad.Where!, error.Message, StringComparison.Ordinal);
        }
    }

    private static (long Allocated, long WorkingSet) Measure()
    {
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalAllocatedBytes(precise: true), process.WorkingSet64);
    }
}

using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Flows;
using EtlStudio.Web.Runs;

namespace EtlStudio.Web.Tests.RunPages;

public sealed class PartitionTotalsTests
{
    private static RunPartition Part(int index, RunStatus status, long read, long written, long rejected = 0, long filtered = 0, string? error = null) => new()
    {
        Index = index, Files = $"f{index}a.csv\nf{index}b.csv", FileCount = 2, Status = status,
        RowsRead = read, RowsWritten = written, RowsRejected = rejected, RowsFiltered = filtered, Error = error,
    };

    [Fact]
    public void Counts_are_the_sums_of_the_partitions_and_the_run_succeeds_when_every_partition_did()
    {
        var totals = PartitionTotals.Of([Part(0, RunStatus.Succeeded, 100, 97, 2, 1), Part(1, RunStatus.Succeeded, 50, 50), Part(2, RunStatus.Succeeded, 7, 0, 7)]);

        Assert.Equal((157L, 147L, 9L, 1L), (totals.RowsRead, totals.RowsWritten, totals.RowsRejected, totals.RowsFiltered));
        Assert.True(totals.AllEnded);
        Assert.Equal(RunStatus.Succeeded, totals.Status);
    }

    [Fact]
    public void The_run_has_not_ended_while_a_partition_waits_or_runs()
    {
        Assert.False(PartitionTotals.Of([Part(0, RunStatus.Succeeded, 1, 1), Part(1, RunStatus.Running, 0, 0)]).AllEnded);
        Assert.False(PartitionTotals.Of([Part(0, RunStatus.Succeeded, 1, 1), Part(1, RunStatus.Queued, 0, 0)]).AllEnded);
    }

    [Fact]
    public void One_failed_partition_fails_the_run_and_its_error_names_the_partition_and_its_first_file()
    {
        RunPartition[] parts = [Part(0, RunStatus.Succeeded, 10, 10), Part(1, RunStatus.Cancelled, 3, 3), Part(2, RunStatus.Failed, 4, 0, error: "bad header"),
            Part(3, RunStatus.Failed, 1, 0, error: "later")];

        var totals = PartitionTotals.Of(parts);

        Assert.Equal((RunStatus.Failed, 13L), (totals.Status, totals.RowsWritten));
        Assert.Equal("2 of 4 partitions failed; partition 3 (2 file(s) from f2a.csv): bad header", PartitionTotals.Error(parts));
    }

    [Fact]
    public void A_cancelled_partition_without_failures_cancels_the_run()
    {
        var parts = new[] { Part(0, RunStatus.Succeeded, 10, 10), Part(1, RunStatus.Cancelled, 0, 0) };
        Assert.Equal(RunStatus.Cancelled, PartitionTotals.Of(parts).Status);
        Assert.Null(PartitionTotals.Error(parts));
    }

    [Fact]
    public void Rows_an_earlier_attempt_committed_count_as_written_not_skipped()
    {
        var counts = PartitionCounts.From(new FlowRunResult { Succeeded = true, RowsRead = 13_000, RowsWritten = 3_000, RowsSkipped = 10_000, RowsCommittedBefore = 10_000, RowsInserted = 3_000 });

        Assert.Equal((13_000L, 13_000L, 0L, 13_000L), (counts.RowsRead, counts.RowsWritten, counts.RowsSkipped, counts.RowsInserted));
    }

    [Fact]
    public void Files_are_cut_into_about_four_partitions_per_slot_in_listing_order()
    {
        var files = Enumerable.Range(0, 200).Select(i => $"{i:D3}.csv").ToList();

        var chunks = PartitionPlan.Split(files, inFlight: 4);

        Assert.Equal(16, chunks.Count);
        Assert.Equal(files, chunks.SelectMany(c => c));
        Assert.All(chunks, c => Assert.InRange(c.Count, 1, 13));
        Assert.All(PartitionPlan.Split(Enumerable.Range(0, 10_000).Select(i => $"{i}").ToList(), 2), c => Assert.InRange(c.Count, 1, PartitionPlan.MaxFiles));
    }

    [Theory]
    [InlineData(0, ConnectionKind.LocalFolder, LoadMode.TruncateReplace, null)]
    [InlineData(4, ConnectionKind.AzureBlob, LoadMode.Upsert, null)]
    [InlineData(4, ConnectionKind.LocalFolder, LoadMode.TruncateReplace, "A TruncateReplace cannot run as partitions")]
    [InlineData(4, ConnectionKind.PostgreSql, LoadMode.Append, "Only a file source")]
    [InlineData(-1, ConnectionKind.LocalFolder, LoadMode.Append, "Between 0 and 64")]
    public void Partitioning_is_refused_for_replace_and_for_sources_that_are_not_files(int inFlight, ConnectionKind kind, LoadMode mode, string? problem)
    {
        var said = PartitionRules.Problem(inFlight, kind, mode);
        if (problem is null) Assert.Null(said);
        else Assert.StartsWith(problem, said, StringComparison.Ordinal);
    }
}

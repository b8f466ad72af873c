using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using Xunit;

namespace EtlStudio.Engine.Tests.Loading;

/// <summary>Inserted/updated/deleted counts of a session, and dry-run sessions that roll everything back.</summary>
public abstract partial class LoaderBehaviourTests
{
    private static readonly (int, string)[] OneTwoThree = [(1, "a"), (2, "b"), (3, "c")];

    private async Task<LoadCounts> LoadCountingAsync(string table, LoadMode mode, bool dryRun, string[] keys, params RowBatch[] batches)
    {
        var destination = Destination(table, mode, keys);
        await using var session = dryRun ? await Loader.BeginDryRunAsync(destination, IdName, Ct) : await Loader.BeginAsync(destination, IdName, Ct);
        foreach (var batch in batches) await session.WriteBatchAsync(batch, Ct);
        await session.CompleteAsync(Ct);
        return session.Counts;
    }

    [Fact]
    public async Task Upsert_counts_new_keys_as_inserted_and_known_or_repeated_keys_as_updated()
    {
        var table = await IdNameTableAsync(OneTwoThree);

        var counts = await LoadCountingAsync(table, LoadMode.Upsert, dryRun: false, ["id"],
            Batch((2, "x"), (3, "x"), (4, "x")), Batch((4, "y"), (5, "y"), (5, "z")));

        // 4 and 5 are new once each; 2, 3, the second 4 (earlier batch) and the second 5 (same batch) update.
        Assert.Equal(new LoadCounts(2, 4, 0), counts);
        Assert.Equal([(1, "a"), (2, "x"), (3, "x"), (4, "y"), (5, "z")], await RowsAsync(table));
    }

    [Fact]
    public async Task Append_counts_every_row_as_inserted_and_replace_also_counts_the_rows_it_removed()
    {
        var table = await IdNameTableAsync(OneTwoThree);

        Assert.Equal(new LoadCounts(3, 0, 0), await LoadCountingAsync(table, LoadMode.Append, dryRun: false, [], Batch((4, "d"), (5, "e")), Batch((6, "f"))));
        Assert.Equal(new LoadCounts(2, 0, 6), await LoadCountingAsync(table, LoadMode.TruncateReplace, dryRun: false, [], Batch((7, "g")), Batch((8, "h"))));
        Assert.Equal([(7, "g"), (8, "h")], await RowsAsync(table));
    }

    public static TheoryData<LoadMode, long, long, long> DryRunModes => new()
    {
        { LoadMode.Upsert, 2, 3, 0 },
        { LoadMode.Append, 3, 0, 0 },
        { LoadMode.TruncateReplace, 3, 0, 3 },
    };

    [Theory]
    [MemberData(nameof(DryRunModes))]
    public async Task Dry_run_counts_what_the_load_would_do_and_leaves_the_table_as_it_was(LoadMode mode, long inserted, long updated, long deleted)
    {
        var table = await IdNameTableAsync(OneTwoThree);
        RowBatch[] batches = mode == LoadMode.Upsert
            ? [Batch((2, "x"), (3, "x"), (4, "x")), Batch((4, "y"), (5, "y"))]
            : [Batch((4, "d"), (5, "e")), Batch((6, "f"))];

        var first = await LoadCountingAsync(table, mode, dryRun: true, mode == LoadMode.Upsert ? ["id"] : [], batches);
        var again = await LoadCountingAsync(table, mode, dryRun: true, mode == LoadMode.Upsert ? ["id"] : [], batches);

        Assert.Equal(new LoadCounts(inserted, updated, deleted), first);
        Assert.Equal(first, again);
        Assert.Equal([(1, "a"), (2, "b"), (3, "c")], await RowsAsync(table));
        // Nothing is left locked or open: an ordinary write goes straight through.
        await ExecuteAsync($"INSERT INTO {table} (id, name) VALUES (9, 'after')");
        Assert.Equal(4, (await RowsAsync(table)).Count);
    }

    [Fact]
    public async Task Dry_run_disposed_after_a_failing_batch_leaves_the_table_as_it_was()
    {
        var table = await IdNameTableAsync(OneTwoThree);

        await using (var session = await Loader.BeginDryRunAsync(Destination(table), IdName, Ct))
        {
            await session.WriteBatchAsync(Batch((4, "d")), Ct);
            await Assert.ThrowsAnyAsync<EtlDataException>(() => session.WriteBatchAsync(Batch((5, null)), Ct));
            Assert.Equal(new LoadCounts(1, 0, 0), session.Counts);
        }

        Assert.Equal([(1, "a"), (2, "b"), (3, "c")], await RowsAsync(table));
    }
}

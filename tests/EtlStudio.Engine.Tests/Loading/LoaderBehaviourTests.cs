using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using Xunit;

namespace EtlStudio.Engine.Tests.Loading;

/// <summary>What every live-tested loader must do (PostgreSQL and SQLite run these against real databases; SQL Server
/// and Oracle have no server here and are covered by SQL text tests). Each test makes its own table.</summary>
public abstract partial class LoaderBehaviourTests
{
    protected static readonly TargetColumn[] IdName = [new("id", ColumnType.Int), new("name", ColumnType.String)];

    protected abstract DatabaseProvider Provider { get; }
    protected abstract string ConnectionString { get; }
    /// <summary>A connection for the test's own reads and writes (not the loader's).</summary>
    protected abstract System.Data.Common.DbConnection CreateConnection();

    protected async Task ExecuteAsync(string sql)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    protected async Task<List<object?[]>> QueryAsync(string sql)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))]);
        }
        return rows;
    }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
    protected IDestinationLoader Loader => new LoaderFactory().Create(Provider);
    protected static string NewTable() => "t_" + Guid.NewGuid().ToString("N")[..16];
    protected static string Q(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    protected DestinationDefinition Destination(string table, LoadMode mode = LoadMode.Append, params string[] keys) => new()
    {
        Provider = Provider, ConnectionString = ConnectionString, Table = table, Mode = mode, KeyColumns = keys,
    };

    protected static RowBatch Batch(params (int Id, string? Name)[] rows) =>
        new([.. rows.Select(r => new object?[] { r.Id, r.Name })], rows.Length);

    /// <summary>A batch whose rows came from records <paramref name="firstRecord"/>, +1, … of <paramref name="origin"/>.</summary>
    protected static RowBatch FromFile(string origin, long firstRecord, params (int? Id, string? Name)[] rows) =>
        new([.. rows.Select(r => new object?[] { r.Id, r.Name })], rows.Length,
            [.. rows.Select(_ => origin)], [.. rows.Select((_, i) => firstRecord + i)]);

    protected async Task<string> IdNameTableAsync(params (int Id, string Name)[] rows)
    {
        var table = NewTable();
        await ExecuteAsync($"CREATE TABLE {table} (id integer PRIMARY KEY, name text NOT NULL)");
        foreach (var (id, name) in rows) await ExecuteAsync($"INSERT INTO {table} (id, name) VALUES ({id}, '{name}')");
        return table;
    }

    protected async Task<List<(long Id, string Name)>> RowsAsync(string quotedTable, string id = "id", string name = "name") =>
        [.. (await QueryAsync($"SELECT {id}, {name} FROM {quotedTable} ORDER BY {id}")).Select(r => (Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture), (string)r[1]!))];

    protected async Task LoadAsync(string table, LoadMode mode, string[] keys, params RowBatch[] batches)
    {
        await using var session = await Loader.BeginAsync(Destination(table, mode, keys), IdName, Ct);
        foreach (var batch in batches) await session.WriteBatchAsync(batch, Ct);
        await session.CompleteAsync(Ct);
    }

    [Fact]
    public async Task Append_commits_each_batch_and_keeps_existing_rows()
    {
        var table = await IdNameTableAsync((1, "old"));
        await LoadAsync(table, LoadMode.Append, [], Batch((2, "a"), (3, "b")), Batch((4, "c")));
        Assert.Equal([(1, "old"), (2, "a"), (3, "b"), (4, "c")], await RowsAsync(table));
    }

    [Fact]
    public async Task Upsert_run_twice_leaves_one_row_per_key_with_the_latest_values()
    {
        var table = await IdNameTableAsync();
        await LoadAsync(table, LoadMode.Upsert, ["id"], Batch((1, "a"), (2, "b")));
        await LoadAsync(table, LoadMode.Upsert, ["id"], Batch((2, "B"), (3, "c")));
        Assert.Equal([(1, "a"), (2, "B"), (3, "c")], await RowsAsync(table));
    }

    [Fact]
    public async Task Upsert_keeps_the_last_row_of_a_key_repeated_within_one_batch()
    {
        var table = await IdNameTableAsync((1, "old"));
        await LoadAsync(table, LoadMode.Upsert, ["id"], Batch((1, "first"), (2, "x"), (1, "middle"), (1, "last")));
        Assert.Equal([(1, "last"), (2, "x")], await RowsAsync(table));
    }

    [Fact]
    public async Task TruncateReplace_completed_leaves_exactly_the_new_rows()
    {
        var table = await IdNameTableAsync((1, "old"), (2, "old"));
        await LoadAsync(table, LoadMode.TruncateReplace, [], Batch((2, "new"), (3, "new")), Batch((4, "new")));
        Assert.Equal([(2, "new"), (3, "new"), (4, "new")], await RowsAsync(table));
    }

    [Fact]
    public async Task TruncateReplace_disposed_midway_without_complete_leaves_the_old_rows()
    {
        var table = await IdNameTableAsync((1, "old"), (2, "old"));
        await using (var session = await Loader.BeginAsync(Destination(table, LoadMode.TruncateReplace), IdName, Ct))
        {
            await session.WriteBatchAsync(Batch((10, "new"), (11, "new")), Ct);
            await session.WriteBatchAsync(Batch((12, "new")), Ct);
            // The source fails here: the pipeline disposes the session without completing it.
        }
        Assert.Equal([(1, "old"), (2, "old")], await RowsAsync(table));
    }

    [Fact]
    public async Task TruncateReplace_with_a_failing_batch_leaves_the_old_rows()
    {
        var table = await IdNameTableAsync((1, "old"));
        await using (var session = await Loader.BeginAsync(Destination(table, LoadMode.TruncateReplace), IdName, Ct))
        {
            await session.WriteBatchAsync(Batch((10, "new")), Ct);
            await Assert.ThrowsAnyAsync<EtlDataException>(() => session.WriteBatchAsync(Batch((11, "new"), (12, null)), Ct));
        }
        Assert.Equal([(1, "old")], await RowsAsync(table));
    }

    [Fact]
    public async Task A_failing_batch_rolls_back_as_a_whole_names_table_and_column_and_earlier_batches_stay()
    {
        var table = await IdNameTableAsync();
        await using (var session = await Loader.BeginAsync(Destination(table), IdName, Ct))
        {
            await session.WriteBatchAsync(Batch((1, "a")), Ct);
            var error = await Assert.ThrowsAnyAsync<EtlDataException>(() => session.WriteBatchAsync(Batch((2, "b"), (3, null), (4, "d")), Ct));
            Assert.Contains(table, error.Message, StringComparison.Ordinal);
            Assert.Contains("name", error.Message, StringComparison.Ordinal);
            await session.WriteBatchAsync(Batch((5, "e")), Ct);
        }
        Assert.Equal([(1, "a"), (5, "e")], await RowsAsync(table));
    }

    [Fact]
    public async Task Upsert_with_a_failing_batch_changes_nothing_of_that_batch()
    {
        var table = await IdNameTableAsync((1, "old"));
        await using var session = await Loader.BeginAsync(Destination(table, LoadMode.Upsert, "id"), IdName, Ct);
        await Assert.ThrowsAnyAsync<EtlDataException>(() => session.WriteBatchAsync(Batch((1, "changed"), (2, "new"), (3, null)), Ct));
        Assert.Equal([(1, "old")], await RowsAsync(table));
    }

    [Fact]
    public async Task Upsert_refuses_a_batch_with_a_null_key_naming_source_record_and_column()
    {
        var table = NewTable();
        await ExecuteAsync($"CREATE TABLE {table} (id integer UNIQUE, name text)");
        await using var session = await Loader.BeginAsync(Destination(table, LoadMode.Upsert, "id"), IdName, Ct);

        var error = await Assert.ThrowsAnyAsync<EtlDataException>(() => session.WriteBatchAsync(FromFile("keys.csv", 7, (1, "a"), (null, "b")), Ct));

        Assert.Equal(("keys.csv", 8L, "id"), (error.Origin, error.Record, error.Column));
        Assert.StartsWith("keys.csv, record 8, column 'id': the key column is null", error.Message, StringComparison.Ordinal);
        Assert.Contains(table, error.Message, StringComparison.Ordinal);
        Assert.Empty(await QueryAsync($"SELECT * FROM {table}"));
    }

    [Fact]
    public async Task Check_reports_every_problem_together_and_begin_refuses_with_them()
    {
        var table = NewTable();
        await ExecuteAsync($"CREATE TABLE {table} (id integer, name text, amount integer, ref {GuidColumnType})");
        TargetColumn[] columns = [new("id", ColumnType.Int), new("missing", ColumnType.String), new("amount", ColumnType.Decimal), new("ref", ColumnType.String)];
        var destination = Destination(table, LoadMode.Upsert, "id");

        var result = await Loader.CheckAsync(destination, columns, Ct);

        Assert.False(result.IsValid);
        Assert.Collection(result.Problems,
            p => Assert.Contains("'missing' does not exist", p, StringComparison.Ordinal),
            p => Assert.Contains("'amount'", p, StringComparison.Ordinal),
            p => Assert.Contains("'ref'", p, StringComparison.Ordinal),
            p => Assert.Contains("no primary key or unique index on exactly (id)", p, StringComparison.Ordinal));
        var error = await Assert.ThrowsAnyAsync<EtlDataException>(() => Loader.BeginAsync(destination, columns, Ct));
        Assert.All(result.Problems, p => Assert.Contains(p, error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_reports_a_key_column_that_is_missing_or_not_mapped()
    {
        var table = await IdNameTableAsync();
        var result = await Loader.CheckAsync(Destination(table, LoadMode.Upsert, "id", "code"), [new("name", ColumnType.String)], Ct);
        Assert.Equal(["Key column 'id' is not one of the mapped columns.", $"Key column 'code' does not exist in table '{table}'."], result.Problems);
    }

    [Fact]
    public async Task Check_passes_for_a_matching_table_and_reports_a_missing_one()
    {
        var table = await IdNameTableAsync();
        Assert.True((await Loader.CheckAsync(Destination(table, LoadMode.Upsert, "ID"), IdName, Ct)).IsValid);
        var missing = await Loader.CheckAsync(Destination(NewTable()), IdName, Ct);
        Assert.Single(missing.Problems, p => p.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hostile_table_and_column_names_are_refused_and_never_run()
    {
        var victim = await IdNameTableAsync((1, "keep"));
        var hostile = $"x\"; DROP TABLE {victim}; --";

        var noTable = await Loader.CheckAsync(Destination(hostile), IdName, Ct);
        var noColumn = await Loader.CheckAsync(Destination(victim), [new("id", ColumnType.Int), new(hostile, ColumnType.String)], Ct);
        await Assert.ThrowsAnyAsync<EtlDataException>(() => Loader.BeginAsync(Destination(hostile), IdName, Ct));

        Assert.Contains("does not exist", Assert.Single(noTable.Problems), StringComparison.Ordinal);
        Assert.Contains(hostile, Assert.Single(noColumn.Problems), StringComparison.Ordinal);
        Assert.Equal([(1, "keep")], await RowsAsync(victim));
    }

    [Fact]
    public async Task Hostile_names_that_really_exist_are_quoted_and_loaded_as_plain_names()
    {
        var victim = await IdNameTableAsync((1, "keep"));
        var table = $"x\"; DROP TABLE {victim}; --";
        var column = "n\"); DROP TABLE " + victim + "; --";
        await ExecuteAsync($"CREATE TABLE {Q(table)} (id integer PRIMARY KEY, {Q(column)} text NOT NULL)");
        TargetColumn[] columns = [new("id", ColumnType.Int), new(column, ColumnType.String)];

        foreach (var mode in new[] { LoadMode.Append, LoadMode.Upsert, LoadMode.TruncateReplace })
        {
            await using var session = await Loader.BeginAsync(Destination(table, mode, "id"), columns, Ct);
            await session.WriteBatchAsync(Batch((1, "'); DROP TABLE x; --"), (2, mode.ToString())), Ct);
            await session.CompleteAsync(Ct);
        }

        Assert.Equal([(1, "'); DROP TABLE x; --"), (2, "TruncateReplace")], await RowsAsync(Q(table), name: Q(column)));
        Assert.Equal([(1, "keep")], await RowsAsync(victim));
    }

    /// <summary>A column type that holds UUIDs but is not text (the check must refuse text for it).</summary>
    protected abstract string GuidColumnType { get; }
}

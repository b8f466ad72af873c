using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using Xunit;

namespace EtlStudio.Engine.Tests.Loading;

/// <summary>Schema plans against the live databases: create the table from the mapping, add columns, refuse what the
/// database refuses without leaving anything behind.</summary>
public abstract partial class LoaderBehaviourTests
{
    /// <summary>One column of every mapped type and a value that shows whether the created type keeps it.</summary>
    private static readonly (TargetColumn Column, object Value)[] EveryType =
    [
        (new("id", ColumnType.Long), 1L),
        (new("s", ColumnType.String), "héllo ☃ \"quoted\" 'single'"),
        (new("sv", ColumnType.String, Length: 10), "ten chars!"),
        (new("i", ColumnType.Int), -2_147_483_648),
        (new("l", ColumnType.Long), long.MaxValue),
        (new("d", ColumnType.Decimal, 18, 4), -12_345_678_901_234.5678m),
        (new("d_wide", ColumnType.Decimal), 1_234_567_890.123456789012m),
        (new("f", ColumnType.Double), 1.5e300),
        (new("b", ColumnType.Bool), true),
        (new("dt", ColumnType.Date), new DateOnly(2024, 2, 29)),
        (new("ts", ColumnType.DateTime), new DateTime(2024, 2, 29, 23, 59, 58, 123).AddTicks(4560)),
        (new("tz", ColumnType.DateTimeOffset), new DateTimeOffset(2024, 3, 31, 1, 30, 0, TimeSpan.FromHours(2))),
        (new("g", ColumnType.Guid), Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")),
        (new("j", ColumnType.Json), """{"a": [1, 2.5, "x"]}"""),
    ];

    [Fact]
    public async Task A_created_table_takes_every_mapped_type_and_gives_each_value_back()
    {
        var table = NewTable();
        var destination = Destination(table) with { CreateIfMissing = true };
        TargetColumn[] columns = [.. EveryType.Select(c => c.Column)];

        var plan = await Loader.PlanAsync(destination, columns, null, UnmappedFieldPolicy.Ignore, Ct);
        Assert.True(plan.IsValid, string.Join("; ", plan.Problems));
        Assert.False(plan.TableExists);
        Assert.StartsWith("CREATE TABLE", Assert.Single(plan.Statements), StringComparison.Ordinal);
        await Loader.ApplyAsync(destination, plan, Ct);
        var check = await Loader.CheckAsync(destination, columns, Ct);
        Assert.True(check.IsValid, string.Join("; ", check.Problems));
        await using (var session = await Loader.BeginAsync(destination, columns, Ct))
        {
            await session.WriteBatchAsync(new RowBatch([[.. EveryType.Select(c => c.Value)]], 1), Ct);
            await session.CompleteAsync(Ct);
        }

        await using var connection = CreateConnection();
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => Q(c.Name)))} FROM {Q(table)}";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        for (var c = 0; c < EveryType.Length; c++)
        {
            var expected = EveryType[c].Value;
            object actual = expected switch
            {
                long => reader.GetInt64(c),
                int => reader.GetInt32(c),
                decimal => reader.GetDecimal(c),
                double => reader.GetDouble(c),
                bool => reader.GetBoolean(c),
                DateOnly => reader.GetFieldValue<DateOnly>(c),
                DateTime => reader.GetDateTime(c),
                DateTimeOffset => reader.GetFieldValue<DateTimeOffset>(c),
                Guid => reader.GetGuid(c),
                _ => reader.GetString(c),
            };
            // PostgreSQL keeps microseconds; a timestamptz comes back as the same instant in UTC.
            if (expected is DateTime ts && Provider == DatabaseProvider.PostgreSql) expected = new DateTime(ts.Ticks - ts.Ticks % 10);
            Assert.True(Equals(expected, actual), $"column {EveryType[c].Column.Name} ({EveryType[c].Column.Type}): expected <{expected}> but found <{actual}>");
        }
    }

    [Fact]
    public async Task A_created_table_has_the_key_columns_as_primary_key_so_upsert_can_use_it_and_required_columns_refuse_null()
    {
        var table = NewTable();
        TargetColumn[] columns = [new("code", ColumnType.String, Length: 12), new("region", ColumnType.Int), new("name", ColumnType.String, Required: true)];
        var destination = Destination(table, LoadMode.Upsert, "code", "region") with { CreateIfMissing = true };

        var plan = await Loader.PlanAsync(destination, columns, null, UnmappedFieldPolicy.Ignore, Ct);
        await Loader.ApplyAsync(destination, plan, Ct);
        foreach (var name in new[] { "first", "second" })
        {
            await using var session = await Loader.BeginAsync(destination, columns, Ct);
            await session.WriteBatchAsync(new RowBatch([["A", 1, name], ["A", 2, name]], 2), Ct);
            await session.CompleteAsync(Ct);
        }

        var rows = await QueryAsync($"SELECT code, region, name FROM {Q(table)} ORDER BY region");
        Assert.Equal([("A", 1L, "second"), ("A", 2L, "second")], rows.Select(r => ((string)r[0]!, Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture), (string)r[2]!)));
        var check = await Loader.CheckAsync(destination, columns, Ct);
        Assert.NotNull(check.Rules.Check(["B", 1, null], "test", 1));
        Assert.NotNull(check.Rules.Check([null, 1, "x"], "test", 1));
    }

    [Fact]
    public async Task Planning_changes_nothing_and_applying_refuses_a_table_that_appeared_since()
    {
        var table = NewTable();
        var destination = Destination(table) with { CreateIfMissing = true };
        var plan = await Loader.PlanAsync(destination, IdName, null, UnmappedFieldPolicy.Ignore, Ct);
        Assert.Contains("does not exist", Assert.Single((await Loader.CheckAsync(destination, IdName, Ct)).Problems), StringComparison.Ordinal);

        await ExecuteAsync($"CREATE TABLE {table} (other integer)");
        var error = await Assert.ThrowsAsync<EtlDataException>(() => Loader.ApplyAsync(destination, plan, Ct));

        Assert.Contains($"Table '{table}' exists now", error.Message, StringComparison.Ordinal);
        Assert.Equal(["other"], (await QueryColumnsAsync(table)));
    }

    [Fact]
    public async Task A_statement_the_database_refuses_names_the_table_and_the_statement_and_nothing_of_the_plan_stays()
    {
        var table = NewTable();
        await ExecuteAsync($"CREATE TABLE {table} (id integer)");
        var destination = Destination(table);
        var plan = await Loader.PlanAsync(destination, [new("id", ColumnType.Int, SourceField: "id")], ["id", "city", "zip"], UnmappedFieldPolicy.AddColumns, Ct);
        Assert.Equal(2, plan.Statements.Count);
        // Someone adds "zip" between plan and apply: the first ALTER succeeds, the second is refused.
        await ExecuteAsync($"ALTER TABLE {table} ADD COLUMN zip text");

        var error = await Assert.ThrowsAsync<EtlDataException>(() => Loader.ApplyAsync(destination, plan, Ct));

        Assert.Contains($"Table '{table}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(plan.Statements[1], error.Message, StringComparison.Ordinal);
        Assert.Equal(["id", "zip"], await QueryColumnsAsync(table));
    }

    [Fact]
    public async Task Creating_a_table_in_a_schema_that_does_not_exist_names_the_table_and_the_statement()
    {
        var table = "no_such_schema." + NewTable();
        var destination = Destination(table) with { CreateIfMissing = true };
        var plan = await Loader.PlanAsync(destination, IdName, null, UnmappedFieldPolicy.Ignore, Ct);

        var error = await Assert.ThrowsAsync<EtlDataException>(() => Loader.ApplyAsync(destination, plan, Ct));

        Assert.Contains($"Table '{table}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(Assert.Single(plan.Statements), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plan_shows_source_mapping_and_table_side_by_side_and_what_ddl_cannot_fix()
    {
        var table = NewTable();
        await ExecuteAsync($"CREATE TABLE {table} (id integer, name text, amount text, extra text)");
        TargetColumn[] columns =
        [
            new("id", ColumnType.Int, SourceField: "id"), new("name", ColumnType.String, SourceField: "nom"),
            new("amount", ColumnType.Int, SourceField: "amount"), new("note", ColumnType.String, SourceField: "gone"),
        ];

        var plan = await Loader.PlanAsync(Destination(table), columns, ["id", "nom", "amount", "city"], UnmappedFieldPolicy.Ignore, Ct);

        Assert.True(plan.TableExists);
        var diff = plan.Diff.ToDictionary(d => d.Name, d => (d.InSource, d.MappedTo, d.Status));
        Assert.Equal((true, "id", SchemaDiffStatus.Ok), diff["id"]);
        Assert.Equal((true, "name", SchemaDiffStatus.Ok), diff["nom"]);
        Assert.Equal((true, "amount", SchemaDiffStatus.TypeMismatch), diff["amount"]);
        Assert.Equal((false, "note", SchemaDiffStatus.ColumnMissingFromTable), diff["gone"]);
        Assert.Equal((true, null, SchemaDiffStatus.UnmappedSourceField), diff["city"]);
        Assert.Equal((null, null, SchemaDiffStatus.TableColumnNotMapped), diff["extra"]);
        Assert.Contains("note", Assert.Single(plan.Statements), StringComparison.Ordinal);
        Assert.Contains(plan.Problems, p => p.Contains("'amount'", StringComparison.Ordinal));
        await Assert.ThrowsAsync<EtlDataException>(() => Loader.ApplyAsync(Destination(table), plan, Ct));
        Assert.Equal(["id", "name", "amount", "extra"], await QueryColumnsAsync(table));
    }

    [Fact]
    public async Task Adding_unmapped_fields_refuses_a_name_that_is_not_a_valid_identifier_naming_it()
    {
        var table = NewTable();
        await ExecuteAsync($"CREATE TABLE {table} (id integer)");

        var plan = await Loader.PlanAsync(Destination(table), [new("id", ColumnType.Int, SourceField: "id")], ["id", "bad\tname", "city"], UnmappedFieldPolicy.AddColumns, Ct);

        Assert.Contains(plan.Problems, p => p.Contains("source field 'bad\tname' cannot be added", StringComparison.Ordinal));
        Assert.Equal(["id", "city"], plan.Columns.Select(c => c.Name));
    }

    /// <summary>The table's column names in table order.</summary>
    private async Task<List<string>> QueryColumnsAsync(string table)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {Q(table)} WHERE 1 = 0";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
    }
}

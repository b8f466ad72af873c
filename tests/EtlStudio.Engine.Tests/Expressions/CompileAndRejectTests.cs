using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Mapping.Expressions;
using Xunit;
using static EtlStudio.Engine.Tests.Expressions.ExpressionHarness;

namespace EtlStudio.Engine.Tests.Expressions;

/// <summary>Problems found when a flow is saved (with the column and the position), and rows that throw at run time
/// (located rejects), and the row filter's three outcomes.</summary>
public sealed class CompileAndRejectTests
{
    private static FlowDefinition Flow(string? filter, params ColumnMap[] computed) => new()
    {
        Name = "f",
        Source = new FileSourceDefinition { Location = "/nowhere.csv" },
        Columns = [.. Typed, .. computed],
        Filter = filter,
        Lookups = [new LookupDefinition { Name = "countries", Source = new FileSourceDefinition { Location = "/nowhere.csv" }, KeyField = "code" }],
        Destination = new DestinationDefinition { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=:memory:", Table = "t" },
    };

    private static ColumnMap Computed(string name, string expression, ColumnType type = ColumnType.String) =>
        new() { TargetColumn = name, Type = type, Expression = expression };

    public static TheoryData<string, ColumnType, int?, string> Problems => new()
    {
        { "amount * * 2", ColumnType.Decimal, 9, "column 'total': position 9:" },
        { "upper(name", ColumnType.String, 10, "column 'total': position 10:" },
        { "nosuch(name)", ColumnType.String, 0, "unknown function 'nosuch'" },
        { "'open", ColumnType.String, 0, "without its closing quote" },
        { "[Order Id", ColumnType.String, 0, "'[' without its closing ']'" },
        { "name.GetType()", ColumnType.String, 4, "'.' is not part of the language" },
        { "qty > 3", ColumnType.Date, null, "gives Bool, which cannot be stored in a Date column" },
        { "iif(qty > 1, 'a', 2)", ColumnType.String, 0, "column 'total': position 0:" },
        { "total + 1", ColumnType.Int, 0, "is this column itself" },
        { "later", ColumnType.String, 0, "is computed after this column" },
        { "lookup('cities', code, 'name')", ColumnType.String, null, "lookup 'cities' is not defined: the flow's lookups are 'countries'" },
        { "lookup(code, code, 'name')", ColumnType.String, 7, "must be text in quotes" },
        { "regex_match(name, '(')", ColumnType.Bool, null, "invalid regular expression '('" },
        { "to_zone(at, 'Mars/Olympus')", ColumnType.DateTime, null, "unknown time zone 'Mars/Olympus'" },
        { "date_part('fortnight', day)", ColumnType.Int, null, "unknown date part 'fortnight'" },
        { "amount = 3 == 4 = 5", ColumnType.Bool, null, "column 'total'" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Check_names_the_column_and_the_position_of_what_does_not_compile(string expression, ColumnType type, int? position, string message)
    {
        var problems = FlowExpressions.Check(Flow(null, Computed("total", expression, type), Computed("later", "'x'")));

        var problem = Assert.Single(problems);
        Assert.Equal("total", problem.Column);
        if (position is not null) Assert.Equal(position, problem.Position);
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void Check_refuses_a_filter_that_is_not_a_condition_and_accepts_a_sound_flow()
    {
        var bad = Assert.Single(FlowExpressions.Check(Flow("amount * 2")));
        var good = FlowExpressions.Check(Flow("qty > 1 and lookup('countries', code, 'name') != null", Computed("total", "round(amount * qty, 2)", ColumnType.Decimal)));

        Assert.Null(bad.Column);
        Assert.StartsWith("filter: the filter gives Decimal, not a condition", bad.Message);
        Assert.Empty(good);
    }

    public static TheoryData<string, ColumnType, string> Throwing => new()
    {
        { "qty / (qty - 4)", ColumnType.Int, "divide by zero" },
        { "parse_date(code, 'yyyy')", ColumnType.Date, "'nl' does not match the date format 'yyyy'" },
        { "to_int(code)", ColumnType.Int, "nl" },
        { "amount * 9000000000000000000000000000.0", ColumnType.Decimal, "too large" },
        { "amount", ColumnType.Int, "12.345 is not a whole number for a Int column" },
        { "from_zone(parse_date('2024-03-31 02:30', 'yyyy-MM-dd HH:mm'), 'Europe/Amsterdam')", ColumnType.DateTimeOffset, "does not exist in Europe/Amsterdam" },
        { "to_int('99999999999')", ColumnType.Int, "" },
        { "name", ColumnType.Int, "'Ada Lovelace' is not a valid Int" },
    };

    [Theory]
    [MemberData(nameof(Throwing))]
    public async Task An_expression_that_throws_for_a_row_rejects_that_row_with_column_expression_and_reason(string expression, ColumnType type, string reason)
    {
        var (_, reject) = await ComputeAsync(expression, type);

        Assert.NotNull(reject);
        Assert.Equal(("test", 1L, "result", expression), (reject.Origin, reject.RowNumber, reject.Column, reject.Value));
        Assert.Contains(reason, reject.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_required_computed_column_that_gives_null_rejects_the_row()
    {
        var (_, reject) = await ComputeAsync("nullif(code, 'nl')", ColumnType.String, required: true);

        Assert.Equal("a value is required but the expression gave none (null)", reject?.Reason);
    }

    [Fact]
    public async Task The_filter_keeps_drops_or_rejects_a_row()
    {
        var kept = await MapAsync(Typed, "qty >= 4 && code == 'nl'", Sample);
        var dropped = await MapAsync(Typed, "qty > 4", Sample);
        var thrown = await MapAsync(Typed, "to_int(code) > 1", Sample);

        Assert.Equal((null, false), (kept.Reject, kept.Filtered));
        Assert.Equal((null, true), (dropped.Reject, dropped.Filtered));
        Assert.False(thrown.Filtered);
        Assert.Equal(("filter", "to_int(code) > 1"), (thrown.Reject?.Column, thrown.Reject?.Value));
    }

    [Fact]
    public async Task A_row_the_filter_drops_is_not_rejected_for_a_column_the_filter_does_not_need()
    {
        // A footer line: 'TOTAL' in the first field, nothing that converts elsewhere.
        var footer = Sample.Select(f => f.Item1 == "qty" ? (f.Item1, (string?)"n/a") : f.Item1 == "code" ? (f.Item1, "TOTAL") : f).ToArray();

        var (_, reject, filtered) = await MapAsync(Typed, "code != 'TOTAL'", footer);

        Assert.Null(reject);
        Assert.True(filtered);
    }
}

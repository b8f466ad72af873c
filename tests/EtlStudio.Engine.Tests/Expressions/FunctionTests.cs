using EtlStudio.Engine.Definitions;
using Xunit;
using static EtlStudio.Engine.Tests.Expressions.ExpressionHarness;

namespace EtlStudio.Engine.Tests.Expressions;

/// <summary>Each function family over a fixed record, with nulls, cultures and time zones.</summary>
public sealed class FunctionTests
{
    public static TheoryData<string, ColumnType, object?> Values => new()
    {
        // names: typed columns, raw source fields, bracketed names, run values, case-insensitive
        { "NAME", ColumnType.String, "Ada Lovelace" },
        { "[Order Id]", ColumnType.String, "A-17" },
        { "[customer.city] + '/' + code", ColumnType.String, "Delft/nl" },
        { "empty == null", ColumnType.Bool, true },
        { "row_number", ColumnType.Long, 1L },
        { "source_name", ColumnType.String, "test" },
        { "load_time == now()", ColumnType.Bool, true },
        { "to_text(run_id)", ColumnType.String, "6f1c2a57-1111-4c4c-9a9a-0123456789ab" },
        // text
        { "upper(name)", ColumnType.String, "ADA LOVELACE" },
        { "lower(code) + \"X\"", ColumnType.String, "nlX" },
        { "trim(' a ')", ColumnType.String, "a" },
        { "substring(name, 1, 3)", ColumnType.String, "Ada" },
        { "substring(name, 5)", ColumnType.String, "Lovelace" },
        { "substring(name, 0, 2)", ColumnType.String, "A" },
        { "substring(name, 40, 2)", ColumnType.String, "" },
        { "replace(name, 'Ada ', '')", ColumnType.String, "Lovelace" },
        { "concat(name, '-', qty, '-', amount, '-', day)", ColumnType.String, "Ada Lovelace-4-12.345-2024-03-31" },
        { "concat(code, null, 'x')", ColumnType.String, "nlx" },
        { "regex_match(code, '^[a-z]{2}$')", ColumnType.Bool, true },
        { "regex_replace(name, '[aeiou]', '*')", ColumnType.String, "Ad* L*v*l*c*" },
        { "lpad(to_text(qty), 3, '0')", ColumnType.String, "004" },
        { "rpad(code, 4)", ColumnType.String, "nl  " },
        { "lpad(name, 3)", ColumnType.String, "Ada" },
        { "length(name)", ColumnType.Int, 12 },
        { "'it''s'", ColumnType.String, "it's" },
        { "sha256('abc')", ColumnType.String, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
        // nulls
        { "coalesce(empty, code)", ColumnType.String, "nl" },
        { "coalesce(qty, 0) + 1", ColumnType.Int, 5 },
        { "nullif(code, 'nl')", ColumnType.String, null },
        { "iif(qty > 3, 'big', 'small')", ColumnType.String, "big" },
        { "if(qty > 9, amount, null)", ColumnType.Decimal, null },
        { "case(qty < 2, 'few', qty < 5, 'some', 'many')", ColumnType.String, "some" },
        { "case(qty > 10, 'lots')", ColumnType.String, null },
        { "qty > 3 and not (code = 'de') or false", ColumnType.Bool, true },
        { "code <> 'nl'", ColumnType.Bool, false },
        // numbers: decimal literals, rounding away from zero, min/max ignoring null
        { "amount * 2", ColumnType.Decimal, 24.690m },
        { "round(amount, 2)", ColumnType.Decimal, 12.35m },
        { "round(-2.5)", ColumnType.Decimal, -3m },
        { "round(ratio * 5, 0)", ColumnType.Double, 3d },
        { "abs(-qty)", ColumnType.Int, 4 },
        { "floor(amount)", ColumnType.Decimal, 12m },
        { "ceiling(amount)", ColumnType.Int, 13 },
        { "min(qty, 2, 7)", ColumnType.Int, 2 },
        { "max(qty, amount)", ColumnType.Decimal, 12.345m },
        { "min(null, qty)", ColumnType.Int, 4 },
        { "10 / 4", ColumnType.Int, 2 },
        { "10 / 4.0", ColumnType.Decimal, 2.5m },
        { "qty % 3", ColumnType.Int, 1 },
        // conversions (invariant culture)
        { "to_int('42')", ColumnType.Int, 42 },
        { "to_decimal('1234.5') + 1", ColumnType.Decimal, 1235.5m },
        { "to_int(2.5)", ColumnType.Int, 3 },
        { "to_bool('yes')", ColumnType.Bool, true },
        { "to_date('2024-02-29')", ColumnType.Date, new DateOnly(2024, 2, 29) },
        { "'7'", ColumnType.Int, 7 },
        { "qty", ColumnType.Decimal, 4m },
        // dates
        { "parse_date('31/12/2023 23:15', 'dd/MM/yyyy HH:mm')", ColumnType.DateTime, new DateTime(2023, 12, 31, 23, 15, 0) },
        { "parse_date('31/12/2023', 'dd/MM/yyyy')", ColumnType.Date, new DateOnly(2023, 12, 31) },
        { "format_date(day, 'dd MMM yyyy')", ColumnType.String, "31 Mar 2024" },
        { "add_days(day, 1)", ColumnType.Date, new DateOnly(2024, 4, 1) },
        { "add_months(day, -1)", ColumnType.Date, new DateOnly(2024, 2, 29) },
        { "add_hours(at, 1.5)", ColumnType.DateTimeOffset, new DateTimeOffset(2024, 3, 31, 2, 0, 0, TimeSpan.Zero) },
        { "add_minutes(to_datetime(day), 90)", ColumnType.DateTime, new DateTime(2024, 3, 31, 1, 30, 0) },
        { "date_part('year', day) * 100 + date_part('MONTH', day)", ColumnType.Int, 202403 },
        { "date_part('dayofweek', day)", ColumnType.Int, 7 },
        { "date_part('week', day)", ColumnType.Int, 13 },
        { "date_trunc('month', day)", ColumnType.Date, new DateOnly(2024, 3, 1) },
        { "date_trunc('week', day)", ColumnType.Date, new DateOnly(2024, 3, 25) },
        { "date_trunc('hour', at)", ColumnType.DateTimeOffset, new DateTimeOffset(2024, 3, 31, 0, 0, 0, TimeSpan.Zero) },
        // zones: 2024-03-31 is the spring-forward day in Amsterdam (02:00 → 03:00)
        { "to_zone(at, 'Europe/Amsterdam')", ColumnType.DateTime, new DateTime(2024, 3, 31, 1, 30, 0) },
        { "to_zone(add_hours(at, 1), 'Europe/Amsterdam')", ColumnType.DateTime, new DateTime(2024, 3, 31, 3, 30, 0) },
        { "from_zone(parse_date('2024-03-31 03:30', 'yyyy-MM-dd HH:mm'), 'Europe/Amsterdam')", ColumnType.DateTimeOffset, new DateTimeOffset(2024, 3, 31, 1, 30, 0, TimeSpan.Zero) },
        // the autumn overlap: 02:30 happens twice; the first (summer time, +02:00) is taken
        { "from_zone(parse_date('2024-10-27 02:30', 'yyyy-MM-dd HH:mm'), 'Europe/Amsterdam')", ColumnType.DateTimeOffset, new DateTimeOffset(2024, 10, 27, 0, 30, 0, TimeSpan.Zero) },
        { "from_zone(parse_date('2024-07-01 12:00', 'yyyy-MM-dd HH:mm'), 'America/New_York')", ColumnType.DateTimeOffset, new DateTimeOffset(2024, 7, 1, 16, 0, 0, TimeSpan.Zero) },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public async Task Expression_computes_its_value_into_the_column_type(string expression, ColumnType type, object? expected)
    {
        var (value, reject) = await ComputeAsync(expression, type);

        Assert.Null(reject);
        Assert.Equal(expected, value);
    }

    public static TheoryData<string, ColumnType> NullPropagation => new()
    {
        { "upper(name)", ColumnType.String }, { "substring(name, 1, 2)", ColumnType.String }, { "amount * 2", ColumnType.Decimal },
        { "qty + 1", ColumnType.Int }, { "round(amount, 1)", ColumnType.Decimal }, { "add_days(day, 1)", ColumnType.Date },
        { "to_zone(at, 'Europe/Amsterdam')", ColumnType.DateTime }, { "sha256(code)", ColumnType.String }, { "date_part('year', day)", ColumnType.Int },
        { "regex_replace(code, 'a', 'b')", ColumnType.String }, { "to_int(code)", ColumnType.Int }, { "format_date(at, 'yyyy')", ColumnType.String },
        { "[Order Id]", ColumnType.String }, { "coalesce(qty, amount)", ColumnType.Decimal }, { "ratio / 2", ColumnType.Double },
    };

    [Theory]
    [MemberData(nameof(NullPropagation))]
    public async Task Null_in_gives_null_out(string expression, ColumnType type)
    {
        var (value, reject) = await ComputeAsync(expression, type, NullRecord);

        Assert.Null(reject);
        Assert.Null(value);
    }

    [Fact]
    public async Task A_comparison_with_null_is_not_true_so_a_filter_on_it_drops_the_row()
    {
        var (value, _) = await ComputeAsync("qty > 3", ColumnType.Bool, NullRecord);
        var (_, reject, filtered) = await MapAsync(Typed, "qty > 3", NullRecord);

        Assert.Equal(false, value);
        Assert.Null(reject);
        Assert.True(filtered);
    }

    [Fact]
    public async Task A_text_result_into_a_typed_column_parses_with_the_column_culture_and_format()
    {
        ColumnMap[] columns =
        [
            new() { TargetColumn = "price", Type = ColumnType.Decimal, Culture = "nl-NL", Expression = "'1.234,5'" },
            new() { TargetColumn = "day", Type = ColumnType.Date, Format = "dd/MM/yyyy", Expression = "'29/02/2024'" },
        ];

        var (row, reject, _) = await MapAsync(columns, null, ("x", "1"));

        Assert.Null(reject);
        Assert.Equal(1234.5m, row[0]);
        Assert.Equal(new DateOnly(2024, 2, 29), row[1]);
    }

    [Fact]
    public async Task Format_date_and_to_text_ignore_the_machine_culture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var (text, _) = await ComputeAsync("concat(amount, ' ', ratio, ' ', format_date(day, 'MMMM'))", ColumnType.String);
            Assert.Equal("12.345 0.5 March", text);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }
}

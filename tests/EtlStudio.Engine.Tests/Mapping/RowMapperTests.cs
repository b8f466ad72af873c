using System.Globalization;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Mapping;
using Xunit;

namespace EtlStudio.Engine.Tests.Mapping;

public sealed class RowMapperTests
{
    private static readonly RunValues Run = new(Guid.Parse("6f1c2a57-1111-4c4c-9a9a-0123456789ab"), new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero));

    private static async Task<(object? Value, RejectedRow? Reject)> MapOneAsync(ColumnMap map, string? raw)
    {
        await using var reader = InMemoryRecordReader.Single(("src", raw));
        var bound = RowMapper.Compile([map with { SourceField = map.SourceField ?? "src" }], "f").Bind(reader);
        await reader.ReadAsync(TestContext.Current.CancellationToken);
        var row = new object?[1];
        var reject = bound.Map(row, Run);
        return (row[0], reject);
    }

    private static ColumnMap Col(ColumnType type, string? format = null, string? culture = null) =>
        new() { TargetColumn = "c", Type = type, Format = format, Culture = culture };

    public static TheoryData<ColumnType, string, object> Conversions => new()
    {
        { ColumnType.String, " x y ", "x y" },
        { ColumnType.Int, "-42", -42 },
        { ColumnType.Long, "9000000000", 9_000_000_000L },
        { ColumnType.Decimal, "12.340", 12.340m },
        { ColumnType.Double, "1.5e3", 1500d },
        { ColumnType.Bool, "YES", true },
        { ColumnType.Bool, "n", false },
        { ColumnType.Bool, "0", false },
        { ColumnType.Date, "2024-02-29", new DateOnly(2024, 2, 29) },
        { ColumnType.DateTime, "2024-02-29T13:45:10.123", new DateTime(2024, 2, 29, 13, 45, 10, 123) },
        { ColumnType.DateTime, "2024-02-29T13:45:10+02:00", new DateTime(2024, 2, 29, 11, 45, 10) },
        { ColumnType.DateTimeOffset, "2024-02-29T13:45:10+02:00", new DateTimeOffset(2024, 2, 29, 11, 45, 10, TimeSpan.Zero) },
        { ColumnType.DateTimeOffset, "2024-02-29 13:45", new DateTimeOffset(2024, 2, 29, 13, 45, 0, TimeSpan.Zero) },
        { ColumnType.Guid, "6F1C2A57-1111-4C4C-9A9A-0123456789AB", Guid.Parse("6f1c2a57-1111-4c4c-9a9a-0123456789ab") },
        { ColumnType.Json, """{"a":[1,2]}""", """{"a":[1,2]}""" },
    };

    [Theory]
    [MemberData(nameof(Conversions))]
    public async Task Text_converts_to_each_type(ColumnType type, string raw, object expected)
    {
        var (value, reject) = await MapOneAsync(Col(type), raw);

        Assert.Null(reject);
        Assert.Equal(expected, value);
        if (value is DateTime dt) Assert.Equal(DateTimeKind.Unspecified, dt.Kind);
        if (value is DateTimeOffset dto) Assert.Equal(TimeSpan.Zero, dto.Offset);
    }

    [Theory]
    [InlineData(ColumnType.Int, "12x", "not a valid Int (32-bit integer)")]
    [InlineData(ColumnType.Int, "3000000000", "out of range for Int (32-bit integer)")]
    [InlineData(ColumnType.Long, "1.5", "not a valid Long (64-bit integer)")]
    [InlineData(ColumnType.Decimal, "abc", "not a valid Decimal")]
    [InlineData(ColumnType.Double, "1,2,x", "not a valid Double")]
    [InlineData(ColumnType.Bool, "maybe", "not a valid Bool (expected true/false, 1/0, yes/no or y/n)")]
    [InlineData(ColumnType.Date, "2023-02-29", "not a valid Date")]
    [InlineData(ColumnType.DateTime, "yesterday", "not a valid DateTime")]
    [InlineData(ColumnType.DateTimeOffset, "13:99", "not a valid DateTimeOffset")]
    [InlineData(ColumnType.Guid, "not-a-guid", "not a valid Guid")]
    [InlineData(ColumnType.Json, "{\"a\":", "not valid JSON: ")]
    public async Task A_cell_that_does_not_convert_rejects_the_row_with_column_value_and_reason(ColumnType type, string raw, string reason)
    {
        var (_, reject) = await MapOneAsync(Col(type) with { SourceField = "src" }, raw);

        Assert.NotNull(reject);
        Assert.Equal("test", reject.Origin);
        Assert.Equal(1, reject.RowNumber);
        Assert.Equal("c", reject.Column);
        Assert.Equal(raw, reject.Value);
        Assert.StartsWith(reason, reject.Reason);
        Assert.EndsWith("(source field 'src')", reject.Reason);
    }

    [Fact]
    public async Task French_culture_reads_decimal_comma()
    {
        var (value, reject) = await MapOneAsync(Col(ColumnType.Decimal, culture: "fr-FR"), "1234,56");
        var (dbl, _) = await MapOneAsync(Col(ColumnType.Double, culture: "fr-FR"), "-0,25");
        var (date, _) = await MapOneAsync(Col(ColumnType.Date, culture: "fr-FR"), "31/12/2024");

        Assert.Null(reject);
        Assert.Equal(1234.56m, value);
        Assert.Equal(-0.25d, dbl);
        Assert.Equal(new DateOnly(2024, 12, 31), date);
    }

    [Fact]
    public async Task Exact_format_is_required_when_given()
    {
        var (ok, _) = await MapOneAsync(Col(ColumnType.Date, format: "dd/MM/yyyy"), "05/01/2024");
        var (_, reject) = await MapOneAsync(Col(ColumnType.Date, format: "dd/MM/yyyy"), "2024-01-05");
        var (dt, _) = await MapOneAsync(Col(ColumnType.DateTime, format: "yyyyMMddHHmmss"), "20240105231500");

        Assert.Equal(new DateOnly(2024, 1, 5), ok);
        Assert.Equal("not a valid Date in format 'dd/MM/yyyy' (source field 'src')", reject!.Reason);
        Assert.Equal(new DateTime(2024, 1, 5, 23, 15, 0), dt);
    }

    [Theory]
    [InlineData("123.45", null)]
    [InlineData("-999.99", null)]
    [InlineData("1.500", null)]
    [InlineData("1.555", "more than 2 decimal places for decimal(5,2)")]
    [InlineData("1000.00", "too large for decimal(5,2): more than 3 integer digits")]
    public async Task Decimal_precision_and_scale_reject_rather_than_round(string raw, string? reason)
    {
        var (value, reject) = await MapOneAsync(Col(ColumnType.Decimal) with { Precision = 5, Scale = 2 }, raw);

        if (reason is null)
        {
            Assert.Null(reject);
            Assert.Equal(decimal.Parse(raw, CultureInfo.InvariantCulture), value);
        }
        else
        {
            Assert.StartsWith(reason, reject!.Reason);
        }
    }

    [Fact]
    public async Task Trim_default_required_and_empty_as_null()
    {
        Assert.Equal("  x ", (await MapOneAsync(Col(ColumnType.String) with { Trim = false }, "  x ")).Value);
        Assert.Null((await MapOneAsync(Col(ColumnType.Int), "   ")).Value);
        Assert.Null((await MapOneAsync(Col(ColumnType.String), null)).Value);
        Assert.Equal(7, (await MapOneAsync(Col(ColumnType.Int) with { Default = " 7 " }, "")).Value);
        Assert.Equal(7, (await MapOneAsync(Col(ColumnType.Int) with { Default = "7" }, null)).Value);

        var (_, reject) = await MapOneAsync(Col(ColumnType.String) with { Required = true }, " ");
        Assert.Equal("a value is required but the field is empty or missing (source field 'src')", reject!.Reason);
        Assert.Equal(" ", reject.Value);
    }

    [Fact]
    public async Task Derived_columns_take_run_values()
    {
        await using var reader = new InMemoryRecordReader("in/a.csv", ["x"], [new Dictionary<string, string?> { ["x"] = "1" }, new Dictionary<string, string?> { ["x"] = "2" }]);
        var mapper = RowMapper.Compile(
        [
            new ColumnMap { TargetColumn = "run", Type = ColumnType.Guid, Derived = DerivedValue.RunId },
            new ColumnMap { TargetColumn = "run_text", Derived = DerivedValue.RunId },
            new ColumnMap { TargetColumn = "file", Derived = DerivedValue.SourceName },
            new ColumnMap { TargetColumn = "loaded", Type = ColumnType.DateTimeOffset, Derived = DerivedValue.LoadTime },
            new ColumnMap { TargetColumn = "row", Type = ColumnType.Long, Derived = DerivedValue.RowNumber },
        ], "f");
        var bound = mapper.Bind(reader);
        var row = new object?[5];
        await reader.ReadAsync(TestContext.Current.CancellationToken);
        await reader.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Null(bound.Map(row, Run));
        Assert.Equal([Run.RunId, Run.RunId.ToString(), "in/a.csv", Run.LoadTime, 2L], row);
    }

    [Fact]
    public async Task A_reader_record_error_rejects_the_row()
    {
        await using var reader = InMemoryRecordReader.Single(("src", "1"));
        var bound = RowMapper.Compile([Col(ColumnType.Int) with { SourceField = "src" }], "f").Bind(reader);
        await reader.ReadAsync(TestContext.Current.CancellationToken);
        reader.RecordError = "wrong field count: expected 2 fields but found 3";

        var reject = bound.Map(new object?[1], Run);

        Assert.Equal(new RejectedRow("test", 1, null, null, "wrong field count: expected 2 fields but found 3"), reject);
    }

    [Fact]
    public void Invalid_mapping_lists_every_problem()
    {
        var e = Assert.Throws<EtlDataException>(() => RowMapper.Compile(
        [
            new ColumnMap { TargetColumn = "a", SourceField = "a" },
            new ColumnMap { TargetColumn = "A", SourceField = "b" },
            new ColumnMap { TargetColumn = "n", Type = ColumnType.Bool, Derived = DerivedValue.RowNumber },
            new ColumnMap { TargetColumn = "c", SourceField = "c", Culture = "xx-NOPE-1" },
            new ColumnMap { TargetColumn = "d" },
        ], "orders"));

        Assert.Equal("flow 'orders' has an invalid mapping: column 'a' is mapped 2 times; column 'n': derived value RowNumber cannot be stored as Bool; "
                     + "column 'c': unknown culture 'xx-NOPE-1'; column 'd' has no source field", e.Message);
    }
}

public sealed class ConversionFastPathTests
{
    private static object? Convert(ColumnType type, string text, string? culture = null)
    {
        var map = new ColumnMap { TargetColumn = "c", SourceField = "c", Type = type, Culture = culture };
        var converter = new ColumnConverter(map, culture is null ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(culture));
        return converter.TryConvert(text, text, out var value, out _) ? value : "rejected";
    }

    [Theory]
    [InlineData("1,234.5", null, "1234.5")]
    [InlineData("1.234,5", "de-DE", "1234.5")]
    [InlineData("-0.001", null, "-0.001")]
    [InlineData("1e3", null, "1000")]
    [InlineData("123456789012345678901234.5", null, "123456789012345678901234.5")]
    [InlineData("1.2.3", null, "rejected")]
    [InlineData("-", null, "rejected")]
    public void Decimals_outside_the_plain_form_fall_back_to_the_culture_parser(string text, string? culture, string expected)
    {
        var value = Convert(ColumnType.Decimal, text, culture);

        Assert.Equal(expected, value is decimal m ? m.ToString(CultureInfo.InvariantCulture) : value);
    }

    [Theory]
    [InlineData("2024-01-05T10:20:30.1234567Z", "2024-01-05T10:20:30.1234567")]
    [InlineData("2024-01-05 10:20", "2024-01-05T10:20:00.0000000")]
    [InlineData("2024-01-05T10:20:30-0130", "2024-01-05T11:50:30.0000000")]
    [InlineData("0001-01-01T00:30:00+01:00", "rejected")]
    [InlineData("2024-02-30T10:00:00", "rejected")]
    [InlineData("Jan 5, 2024 10:20", "2024-01-05T10:20:00.0000000")]
    public void ISO_timestamps_take_the_fast_path_and_the_rest_falls_back(string text, string expected)
    {
        var value = Convert(ColumnType.DateTime, text);

        Assert.Equal(expected, value is DateTime dt ? dt.ToString("O", CultureInfo.InvariantCulture) : value);
    }
}

public sealed class CultureFromFileTests
{
    [Fact]
    public async Task French_decimal_comma_in_a_semicolon_CSV_converts_on_the_UTF8_path()
    {
        var document = Tests.Parsing.Parse.Document("id;montant;date\n1;1234,56;31/12/2024\n2;-0,5;01/02/2024\n3;12.5;2024-13-01\n");
        await using var reader = await EtlStudio.Engine.Parsing.DocumentParser.OpenAsync(document, new ParseDefinition { Delimiter = ";", Culture = "fr-FR" }, TestContext.Current.CancellationToken);
        var bound = RowMapper.Compile(
        [
            new ColumnMap { SourceField = "montant", TargetColumn = "amount", Type = ColumnType.Decimal, Culture = "fr-FR" },
            new ColumnMap { SourceField = "date", TargetColumn = "day", Type = ColumnType.Date, Culture = "fr-FR" },
        ], "f").Bind(reader);
        var row = new object?[2];
        var results = new List<object?>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            results.Add(bound.Map(row, default) is { } reject ? reject : (object?)((object?[])row.Clone()));
        }

        Assert.Equal(new object?[] { 1234.56m, new DateOnly(2024, 12, 31) }, results[0]);
        Assert.Equal(new object?[] { -0.5m, new DateOnly(2024, 2, 1) }, results[1]);
        Assert.Equal(new RejectedRow("in/orders.csv", 3, "amount", "12.5", "not a valid Decimal in culture fr-FR (source field 'montant')"), results[2]);
    }
}

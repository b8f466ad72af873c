using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources.Database;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Database;

public sealed class QueryPartitioningTests
{
    private static string[] Cuts(IReadOnlyList<QueryRange> ranges) => [.. ranges.Skip(1).Select(r => r.Lower!)];

    [Fact]
    public void Integer_bounds_split_into_even_strides_first_open_below_last_open_above()
    {
        var ranges = QueryPartitioning.Split("id", RangeKind.Integer, "0", "100", 4);

        Assert.Equal(4, ranges.Count);
        Assert.Equal(["25", "50", "75"], Cuts(ranges));
        Assert.Null(ranges[0].Lower);
        Assert.Equal("25", ranges[0].Upper);
        Assert.Equal(("25", "50"), (ranges[1].Lower, ranges[1].Upper));
        Assert.Null(ranges[^1].Upper);
        Assert.Equal("id < 25 or null", ranges[0].ToString());
        Assert.Equal("25 <= id < 50", ranges[1].ToString());
        Assert.Equal("id >= 75", ranges[^1].ToString());
    }

    [Fact]
    public void Every_value_lands_in_exactly_one_range_including_nulls_and_values_outside_the_bounds()
    {
        var ranges = QueryPartitioning.Split("id", RangeKind.Integer, "10", "20", 3);
        long?[] values = [null, long.MinValue, -5, 9, 10, 13, 14, 16, 17, 19, 20, 21, 1_000_000, long.MaxValue];

        foreach (var v in values)
        {
            Assert.Equal(1, ranges.Count(r => Holds(r, v)));
        }
        Assert.True(Holds(ranges[0], null));
        Assert.True(Holds(ranges[0], long.MinValue));
        Assert.True(Holds(ranges[^1], long.MaxValue));
    }

    [Fact]
    public void Bounds_read_as_min_max_include_the_max_in_the_even_split()
    {
        // [1, 8] holds 8 values: 4 ranges of 2 each; without the max included the last would get 3.
        var ranges = QueryPartitioning.Split("id", new QueryBounds(RangeKind.Integer, "1", "8"), 4);

        Assert.Equal(["3", "5", "7"], Cuts(ranges));
        Assert.Equal([2, 2, 2, 2], Enumerable.Range(1, 8).GroupBy(v => ranges.Single(r => Holds(r, v))).Select(g => g.Count()));
    }

    [Fact]
    public void More_partitions_than_distinct_values_gives_one_range_per_value()
    {
        var ranges = QueryPartitioning.Split("id", new QueryBounds(RangeKind.Integer, "5", "7"), 50);

        Assert.Equal(3, ranges.Count);
        Assert.Equal(["6", "7"], Cuts(ranges));
    }

    [Fact]
    public void A_single_value_or_an_empty_span_gives_one_range_of_every_row()
    {
        var single = Assert.Single(QueryPartitioning.Split("id", new QueryBounds(RangeKind.Integer, "42", "42"), 8));
        Assert.Null(single.Lower);
        Assert.Null(single.Upper);
        Assert.Single(QueryPartitioning.Split("id", RangeKind.Integer, "9", "3", 8));
    }

    [Fact]
    public void Skewed_values_all_stay_in_the_ranges_the_even_split_gives_them()
    {
        // 990 rows at 1 and 10 spread to 1000: the split is even by value, not by rows; no row is lost.
        var values = Enumerable.Repeat(1L, 990).Concat(Enumerable.Range(0, 10).Select(i => 100L * (i + 1))).ToList();
        var ranges = QueryPartitioning.Split("id", new QueryBounds(RangeKind.Integer, "1", "1000"), 4);

        var sizes = ranges.Select(r => values.Count(v => Holds(r, v))).ToList();
        Assert.Equal(values.Count, sizes.Sum());
        Assert.Equal(992, sizes[0]);
    }

    [Fact]
    public void Extreme_integer_bounds_do_not_overflow()
    {
        var ranges = QueryPartitioning.Split("id", new QueryBounds(RangeKind.Integer, long.MinValue.ToString(), long.MaxValue.ToString()), 4);

        Assert.Equal(["-4611686018427387904", "0", "4611686018427387904"], Cuts(ranges));
    }

    [Fact]
    public void Dates_cut_at_whole_days()
    {
        var ranges = QueryPartitioning.Split("day", new QueryBounds(RangeKind.Date, "2024-01-01", "2024-01-10"), 3);

        // 10 days in 3: 3, 3 and 4 days.
        Assert.Equal(["2024-01-04", "2024-01-07"], Cuts(ranges));
        Assert.Equal(RangeKind.Date, ranges[1].Kind);
    }

    [Fact]
    public void Timestamps_keep_their_kind_and_cut_evenly()
    {
        var ranges = QueryPartitioning.Split("at", RangeKind.DateTime, "2024-01-01T00:00:00Z", "2024-01-01T04:00:00Z", 4);

        Assert.Equal(["2024-01-01T01:00:00.0000000Z", "2024-01-01T02:00:00.0000000Z", "2024-01-01T03:00:00.0000000Z"], Cuts(ranges));
        var local = QueryPartitioning.Split("at", RangeKind.DateTime, "2024-01-01T00:00:00", "2024-01-03T00:00:00", 2);
        Assert.Equal(["2024-01-02T00:00:00.0000000"], Cuts(local));
        Assert.Equal(DateTimeKind.Unspecified, ((DateTime)QueryPartitioning.Parameter(RangeKind.DateTime, local[1].Lower!, DatabaseProvider.PostgreSql)).Kind);
    }

    [Fact]
    public void Timestamps_with_offsets_cut_in_utc()
    {
        var ranges = QueryPartitioning.Split("at", RangeKind.DateTimeOffset, "2024-01-01T02:00:00+02:00", "2024-01-01T02:00:00Z", 2);

        Assert.Equal(["2024-01-01T01:00:00.0000000+00:00"], Cuts(ranges));
    }

    [Fact]
    public void Decimals_cut_anywhere_and_never_repeat_a_bound()
    {
        Assert.Equal(["0.25", "0.5", "0.75"], Cuts(QueryPartitioning.Split("x", RangeKind.Decimal, "0", "1", 4)));
        var tiny = QueryPartitioning.Split("x", RangeKind.Decimal, "0", "0.0000000000000000000000000003", 10);
        var cuts = Cuts(tiny).Select(decimal.Parse).ToList();
        Assert.Equal(cuts.Distinct().Order(), cuts);
    }

    [Theory]
    [InlineData("100", RangeKind.Integer)]
    [InlineData("-7", RangeKind.Integer)]
    [InlineData("12.5", RangeKind.Decimal)]
    [InlineData("2024-02-29", RangeKind.Date)]
    [InlineData("2024-02-29T08:30:00", RangeKind.DateTime)]
    [InlineData("2024-02-29 08:30", RangeKind.DateTime)]
    [InlineData("2024-02-29T08:30:00Z", RangeKind.DateTime)]
    [InlineData("2024-02-29T08:30:00+02:00", RangeKind.DateTimeOffset)]
    public void A_typed_bound_says_its_kind(string text, RangeKind kind)
    {
        Assert.Equal(kind, QueryPartitioning.KindOf(text, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("2024-02-30")]
    [InlineData("1e5")]
    [InlineData("02/29/2024")]
    public void A_bound_that_is_no_number_date_or_timestamp_is_refused_with_a_reason(string text)
    {
        Assert.Null(QueryPartitioning.KindOf(text, out var problem));
        Assert.Contains("is not a number, a date", problem);
    }

    [Fact]
    public void Bounds_of_different_kinds_are_refused_but_integer_and_decimal_make_a_decimal()
    {
        Assert.Equal(RangeKind.Decimal, QueryPartitioning.KindOf("1", "2.5", out _));
        Assert.Null(QueryPartitioning.KindOf("1", "2024-01-01", out var problem));
        Assert.Equal("the lower bound is a number and the upper bound a date: write both the same way", problem);
    }

    [Theory]
    [InlineData(5, "int4", RangeKind.Integer, "5")]
    [InlineData(5L, "INTEGER", RangeKind.Integer, "5")]
    [InlineData(2.5, "REAL", RangeKind.Decimal, "2.5")]
    [InlineData("2024-02-29", "TEXT", RangeKind.Date, "2024-02-29")]
    [InlineData("2024-02-29 13:45:30.123", "TEXT", RangeKind.DateTime, "2024-02-29T13:45:30.1230000")]
    public void Column_values_read_back_as_their_kind(object value, string typeName, RangeKind kind, string text)
    {
        Assert.Equal((kind, text), QueryPartitioning.Read("c", value, typeName));
    }

    [Fact]
    public void A_date_the_provider_returns_as_a_datetime_is_a_date_by_its_type_name()
    {
        Assert.Equal((RangeKind.Date, "2024-02-29"), QueryPartitioning.Read("d", new DateTime(2024, 2, 29), "date"));
        Assert.Equal((RangeKind.DateTime, "2024-02-29T00:00:00.0000000"), QueryPartitioning.Read("d", new DateTime(2024, 2, 29), "datetime2"));
    }

    [Theory]
    [InlineData("alice", "text")]
    [InlineData(true, "boolean")]
    public void Columns_that_cannot_be_split_are_refused_naming_the_column_and_type(object value, string typeName)
    {
        var e = Assert.Throws<EtlDataException>(() => QueryPartitioning.Read("name", value, typeName));
        Assert.Contains($"partition column 'name' holds {typeName}", e.Message);
        Assert.Contains("only integer, decimal, date and timestamp columns", e.Message);
    }

    [Fact]
    public void A_guid_column_is_refused()
    {
        Assert.Throws<EtlDataException>(() => QueryPartitioning.Read("id", Guid.NewGuid(), "uuid"));
    }

    [Fact]
    public void Parameters_take_each_databases_type()
    {
        Assert.Equal(5L, QueryPartitioning.Parameter(RangeKind.Integer, "5", DatabaseProvider.SqlServer));
        Assert.Equal(2.5m, QueryPartitioning.Parameter(RangeKind.Decimal, "2.5", DatabaseProvider.PostgreSql));
        Assert.Equal(2.5d, QueryPartitioning.Parameter(RangeKind.Decimal, "2.5", DatabaseProvider.Sqlite));
        Assert.Equal(new DateOnly(2024, 1, 5), QueryPartitioning.Parameter(RangeKind.Date, "2024-01-05", DatabaseProvider.Sqlite));
        Assert.Equal(new DateTime(2024, 1, 5), QueryPartitioning.Parameter(RangeKind.Date, "2024-01-05", DatabaseProvider.Oracle));
    }

    /// <summary>The WHERE of <see cref="PartitionSql.Wrap"/> evaluated in C# (SQL NULL: no comparison holds).</summary>
    private static bool Holds(QueryRange range, long? value)
    {
        long? lo = range.Lower is null ? null : long.Parse(range.Lower);
        long? hi = range.Upper is null ? null : long.Parse(range.Upper);
        if (value is null) return lo is null;
        return (lo is null || value >= lo) && (hi is null || value < hi);
    }
}

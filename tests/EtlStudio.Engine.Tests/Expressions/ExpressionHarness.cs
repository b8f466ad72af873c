using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Mapping;
using EtlStudio.Engine.Tests.Mapping;
using Xunit;

namespace EtlStudio.Engine.Tests.Expressions;

/// <summary>Maps one in-memory record through the run's own compiled mapper, with a few typed columns to compute over.</summary>
internal static class ExpressionHarness
{
    public static readonly RunValues Run = new(Guid.Parse("6f1c2a57-1111-4c4c-9a9a-0123456789ab"), new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero));

    /// <summary>name (String), amount (Decimal), qty (Int), day (Date), at (DateTimeOffset), ratio (Double).</summary>
    public static readonly ColumnMap[] Typed =
    [
        new() { SourceField = "name", TargetColumn = "name" },
        new() { SourceField = "amount", TargetColumn = "amount", Type = ColumnType.Decimal },
        new() { SourceField = "qty", TargetColumn = "qty", Type = ColumnType.Int },
        new() { SourceField = "day", TargetColumn = "day", Type = ColumnType.Date },
        new() { SourceField = "at", TargetColumn = "at", Type = ColumnType.DateTimeOffset },
        new() { SourceField = "ratio", TargetColumn = "ratio", Type = ColumnType.Double },
    ];

    public static readonly (string, string?)[] Sample =
    [
        ("name", " Ada Lovelace "), ("amount", "12.345"), ("qty", "4"), ("day", "2024-03-31"), ("at", "2024-03-31T00:30:00Z"),
        ("ratio", "0.5"), ("code", "nl"), ("empty", ""), ("Order Id", "A-17"), ("customer.city", "Delft"),
    ];

    public static readonly (string, string?)[] NullRecord =
        [("name", null), ("amount", null), ("qty", null), ("day", null), ("at", null), ("ratio", null), ("code", null), ("empty", null), ("Order Id", null), ("customer.city", null)];

    /// <summary>The value of <paramref name="expression"/> as a computed column of <paramref name="type"/> after the typed columns.</summary>
    public static async Task<(object? Value, RejectedRow? Reject)> ComputeAsync(string expression, ColumnType type, (string, string?)[]? record = null, bool required = false)
    {
        ColumnMap[] columns = [.. Typed, new() { TargetColumn = "result", Type = type, Expression = expression, Required = required }];
        var (row, reject, filtered) = await MapAsync(columns, null, record ?? Sample);
        Assert.False(filtered);
        return (reject is null ? row[^1] : null, reject);
    }

    public static async Task<(object?[] Row, RejectedRow? Reject, bool Filtered)> MapAsync(IReadOnlyList<ColumnMap> columns, string? filter, params (string, string?)[] record)
    {
        await using var reader = new InMemoryRecordReader("test", [.. record.Select(c => c.Item1)], [record.ToDictionary(c => c.Item1, c => c.Item2)]);
        var bound = RowMapper.Compile(columns, "f", filter).Bind(reader);
        await reader.ReadAsync(TestContext.Current.CancellationToken);
        var row = new object?[columns.Count];
        var reject = bound.Map(row, Run, out var filtered);
        return (row, reject, filtered);
    }
}

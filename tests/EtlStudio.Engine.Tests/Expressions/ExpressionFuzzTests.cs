using System.Globalization;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Mapping;
using EtlStudio.Engine.Tests.Mapping;
using Xunit;

namespace EtlStudio.Engine.Tests.Expressions;

/// <summary>Seeded random expressions over random rows (nulls and values near the Int limits included), evaluated by
/// the compiled mapper and by a plain C# reference: same value, or both reject the row.</summary>
public sealed class ExpressionFuzzTests
{
    private static readonly string[] Names = ["a", "b", "c"];

    /// <summary>A node of the generated expression: its text and its reference value (null: SQL null; throws: the row
    /// rejects). <see cref="IsLong"/>: the language's result is a Long (abs widens), else an Int.</summary>
    private abstract record Node(bool IsLong)
    {
        public abstract string Text { get; }
        public abstract long? Eval(int?[] row);

        /// <summary>What the row would hold as this node's type: an Int that leaves the Int range overflows.</summary>
        protected long? Fit(long? value) =>
            value is { } v && !IsLong && v is < int.MinValue or > int.MaxValue ? throw new OverflowException() : value;
    }

    private sealed record Column(int Index) : Node(false)
    {
        public override string Text => Names[Index];
        public override long? Eval(int?[] row) => row[Index];
    }

    private sealed record Literal(int Value) : Node(false)
    {
        public override string Text => Value.ToString(CultureInfo.InvariantCulture);
        public override long? Eval(int?[] row) => Value;
    }

    private sealed record Binary(char Op, Node Left, Node Right) : Node(Left.IsLong || Right.IsLong)
    {
        public override string Text => $"({Left.Text} {Op} {Right.Text})";
        public override long? Eval(int?[] row)
        {
            var (l, r) = (Left.Eval(row), Right.Eval(row));
            if (l is null || r is null) return null;
            return Fit(Op switch
            {
                '+' => checked(l.Value + r.Value),
                '-' => checked(l.Value - r.Value),
                '*' => checked(l.Value * r.Value),
                '/' => r.Value == 0 ? throw new DivideByZeroException() : IsLong ? l.Value / r.Value : checked((int)l.Value / (int)r.Value),
                _ => throw new InvalidOperationException(),
            });
        }
    }

    private sealed record Call(string Name, Node[] Args) : Node(Name == "abs" || Args.Any(a => a.IsLong))
    {
        public override string Text => $"{Name}({string.Join(", ", Args.Select(a => a.Text))})";
        public override long? Eval(int?[] row)
        {
            // coalesce stops at the first value that is not null (as SQL's): a later argument is not evaluated.
            if (Name == "coalesce") return Args[0].Eval(row) ?? Args[1].Eval(row);
            var values = Args.Select(a => a.Eval(row)).ToArray();
            return Name switch
            {
                "abs" => values[0] is { } v ? checked(Math.Abs(v)) : null,
                "min" => values.Where(v => v is not null).DefaultIfEmpty(null).Min(),
                "max" => values.Where(v => v is not null).DefaultIfEmpty(null).Max(),
                _ => throw new InvalidOperationException(),
            };
        }
    }

    private sealed record If(Node Left, string Op, Node Right, Node Then, Node Else) : Node(Then.IsLong || Else.IsLong)
    {
        public override string Text => $"iif({Left.Text} {Op} {Right.Text}, {Then.Text}, {Else.Text})";
        public override long? Eval(int?[] row)
        {
            var (l, r) = (Left.Eval(row), Right.Eval(row));
            // C# lifted comparisons: with a null side only == and != can be true.
            var holds = Op switch
            {
                "==" => l == r,
                "!=" => l != r,
                ">" => l > r,
                "<=" => l <= r,
                _ => throw new InvalidOperationException(),
            };
            return holds ? Then.Eval(row) : Else.Eval(row);
        }
    }

    private static Node Generate(Random random, int depth)
    {
        if (depth == 0 || random.Next(4) == 0)
        {
            return random.Next(3) == 0 ? new Literal(random.Next(-5, 100)) : new Column(random.Next(3));
        }
        return random.Next(7) switch
        {
            0 or 1 or 2 => new Binary("+-*/"[random.Next(4)], Generate(random, depth - 1), Generate(random, depth - 1)),
            3 => new Call("abs", [Generate(random, depth - 1)]),
            4 => new Call(random.Next(2) == 0 ? "min" : "max", [Generate(random, depth - 1), Generate(random, depth - 1), Generate(random, depth - 1)]),
            5 => new Call("coalesce", [Generate(random, depth - 1), Generate(random, depth - 1)]),
            _ => new If(Generate(random, depth - 1), new[] { "==", "!=", ">", "<=" }[random.Next(4)], Generate(random, depth - 1), Generate(random, depth - 1), Generate(random, depth - 1)),
        };
    }

    private static int? Value(Random random) => random.Next(10) switch
    {
        0 => null,
        1 => random.Next(2) == 0 ? int.MaxValue - random.Next(3) : int.MinValue + random.Next(3),
        2 => 0,
        _ => random.Next(-1000, 1000),
    };

    [Fact]
    public async Task Compiled_expressions_agree_with_a_plain_csharp_reference_on_every_row()
    {
        var random = new Random(20261205);
        var rows = Enumerable.Range(0, 25).Select(_ => new[] { Value(random), Value(random), Value(random) }).ToArray();
        var checkedCells = 0;
        for (var e = 0; e < 150; e++)
        {
            var node = Generate(random, 4);
            ColumnMap[] columns =
            [
                .. Names.Select(n => new ColumnMap { SourceField = n, TargetColumn = n, Type = ColumnType.Int }),
                new() { TargetColumn = "result", Type = ColumnType.Long, Expression = node.Text },
            ];
            var records = rows.Select(r => (IReadOnlyDictionary<string, string?>)Names.Select((n, i) => (n, r[i]?.ToString(CultureInfo.InvariantCulture)))
                .ToDictionary(p => p.n, p => p.Item2)).ToList();
            await using var reader = new InMemoryRecordReader("fuzz", Names, records);
            var bound = RowMapper.Compile(columns, "fuzz").Bind(reader);
            foreach (var row in rows)
            {
                await reader.ReadAsync(TestContext.Current.CancellationToken);
                long? expected;
                string? expectedError = null;
                try
                {
                    expected = node.Eval(row);
                }
                catch (ArithmeticException ex)
                {
                    (expected, expectedError) = (null, ex.GetType().Name);
                }
                var cells = new object?[4];
                var reject = bound.Map(cells, ExpressionHarness.Run);
                var where = $"{node.Text} over a={row[0]}, b={row[1]}, c={row[2]}";
                if (expectedError is not null)
                {
                    Assert.True(reject is { Column: "result" }, $"{where}: expected a reject ({expectedError}), got {cells[3]}");
                }
                else
                {
                    Assert.True(reject is null, $"{where}: expected {expected}, got reject {reject?.Reason}");
                    Assert.True(Equals(expected, cells[3]), $"{where}: expected {expected}, got {cells[3]}");
                }
                checkedCells++;
            }
        }
        Assert.Equal(150 * 25, checkedCells);
    }
}

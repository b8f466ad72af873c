using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Staging;
using EtlStudio.Engine.Tests.Mapping;
using Xunit;

namespace EtlStudio.Engine.Tests.Staging;

public sealed class MappedRowFormatTests
{
    private static readonly TargetColumn[] Columns =
        [.. NastyRows.Columns.Select(c => new TargetColumn(c.TargetColumn, c.Type, c.Precision, c.Scale))];

    [Fact]
    public async Task Staged_rows_read_back_as_the_same_typed_values_for_every_column_type()
    {
        var ct = TestContext.Current.CancellationToken;
        var rows = NastyRows.Generate(424242, 3000).Select(r => r.Select(NastyRows.Expected).ToArray()).ToList();
        rows.Add([null, int.MinValue, long.MaxValue, 79228162514264337593543950335m, double.NaN, false, DateOnly.MaxValue, DateTime.MaxValue, DateTimeOffset.MinValue, Guid.Empty, "[]"]);
        rows.Add(["x", 0, 0L, 1.50m, double.NegativeInfinity, true, DateOnly.MinValue, DateTime.MinValue, DateTimeOffset.MaxValue, Guid.Empty, "null"]);
        var stream = new MemoryStream();
        await using (var writer = new MappedRowWriter(new NonClosing(stream), Columns))
        {
            for (var i = 0; i < rows.Count; i++) await writer.WriteAsync(rows[i], i < 1000 ? "a.csv" : "b.csv", 1 + i * 2, ct);
            await writer.CompleteAsync(ct);
        }

        stream.Position = 0;
        await using var reader = await MappedRowReader.OpenAsync(stream, "staged", ct);
        Assert.Equal(Columns, reader.Columns);
        var read = new object?[Columns.Length];
        var n = 0;
        while (await reader.ReadAsync(read, ct))
        {
            for (var c = 0; c < Columns.Length; c++)
            {
                Assert.Equal(rows[n][c], read[c]);
                Assert.Equal(rows[n][c]?.GetType(), read[c]?.GetType());
                if (rows[n][c] is decimal m) Assert.Equal(m.Scale, ((decimal)read[c]!).Scale);
                if (rows[n][c] is DateTime dt) Assert.Equal(dt.Kind, ((DateTime)read[c]!).Kind);
                if (rows[n][c] is DateTimeOffset dto) Assert.Equal(dto.Offset, ((DateTimeOffset)read[c]!).Offset);
            }
            Assert.Equal((n < 1000 ? "a.csv" : "b.csv", 1L + n * 2), (reader.Origin, reader.Record));
            n++;
        }
        Assert.Equal(rows.Count, n);
    }

    [Fact]
    public async Task Damaged_staged_row_fails_naming_the_line()
    {
        var stream = new MemoryStream("{\"columns\":[{\"name\":\"a\",\"type\":\"Int\"}]}\n[1]\n[\"x\"]\n"u8.ToArray());
        await using var reader = await MappedRowReader.OpenAsync(stream, "run 1/mapped.ndjson", TestContext.Current.CancellationToken);
        var row = new object?[1];

        Assert.True(await reader.ReadAsync(row, TestContext.Current.CancellationToken));
        var e = await Assert.ThrowsAsync<EtlDataException>(async () => await reader.ReadAsync(row, TestContext.Current.CancellationToken));
        Assert.StartsWith("run 1/mapped.ndjson, record 2: staged row is damaged: ", e.Message);
    }

    private sealed class NonClosing(Stream inner) : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
    }
}

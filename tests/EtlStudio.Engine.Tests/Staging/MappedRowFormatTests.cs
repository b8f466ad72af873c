using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
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

    /// <summary>Artifacts staged before the writer encoded rows itself were written value by value through
    /// <see cref="Utf8JsonWriter"/>: each staged value must be the same JSON value (numbers to the digit, so a decimal
    /// keeps its scale), whatever the escaping.</summary>
    [Fact]
    public async Task Staged_rows_hold_the_json_values_the_json_writer_writes()
    {
        var ct = TestContext.Current.CancellationToken;
        var rows = NastyRows.Generate(2026, 3000).Select(r => r.Select(NastyRows.Expected).ToArray()).ToList();
        rows.Add(["\u0000 \u001f \" \\ \u007f \u2028 \ud800 lone, \udc00 lone, 😀 </script>", int.MaxValue, long.MinValue, -0.0000000000000000000000000001m, double.Epsilon, true, DateOnly.MinValue, DateTime.MinValue, DateTimeOffset.MaxValue, Guid.NewGuid(), ""]);
        rows.Add([new string('中', 5000), -1, -1L, 1.50m, double.PositiveInfinity, false, new DateOnly(2024, 2, 29), new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(1), new DateTimeOffset(1999, 12, 31, 23, 0, 0, TimeSpan.FromHours(-5.5)), Guid.Empty, "{}"]);
        decimal[] decimals = [0m, 0.00m, -0.00m, 0.5m, -0.0001m, 100m, -123.4500m, 18446744073709551615m, 1844674407370955161.5m, 18446744073709551616m, 79228162514264337593543950335m, -7.9228162514264337593543950335m];
        rows.AddRange(decimals.Select(m => (object?[])[.. rows[0][..3], m, .. rows[0][4..]]));
        var stream = new MemoryStream();
        await using (var writer = new MappedRowWriter(new NonClosing(stream), Columns))
        {
            for (var i = 0; i < rows.Count; i++) await writer.WriteAsync(rows[i], "a.csv", i + 1, ct);
            await writer.CompleteAsync(ct);
        }

        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
        var staged = lines.Where(l => l.StartsWith('[')).ToList();
        Assert.Equal(rows.Count, staged.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            using var actual = JsonDocument.Parse(staged[r]);
            using var expected = JsonDocument.Parse(JsonWriterLine(rows[r], r + 1));
            var (a, e) = (actual.RootElement.EnumerateArray().ToList(), expected.RootElement.EnumerateArray().ToList());
            Assert.Equal(e.Count, a.Count);
            for (var c = 0; c < e.Count; c++)
            {
                Assert.Equal(e[c].ValueKind, a[c].ValueKind);
                if (e[c].ValueKind == JsonValueKind.String) Assert.Equal(e[c].GetString(), a[c].GetString());
                else Assert.Equal(e[c].GetRawText(), a[c].GetRawText());
            }
        }
    }

    /// <summary><c>mapped-2026-12-07.ndjson</c> was written by the writer of 2026-12-07 (main at 0d2cecc) from these
    /// rows: the writer must still write every byte of it the same way, so artifacts staged by either version are one
    /// format (escaped text, dates and times of every kind and offset, decimals of every scale).</summary>
    [Fact]
    public async Task Staged_rows_are_byte_for_byte_what_the_writer_of_2026_12_07_wrote()
    {
        var ct = TestContext.Current.CancellationToken;
        var stream = new MemoryStream();
        await using (var writer = new MappedRowWriter(new NonClosing(stream), Columns))
        {
            var rows = CompatibilityRows();
            for (var i = 0; i < rows.Count; i++) await writer.WriteAsync(rows[i], i < 200 ? "in/a.csv" : "in/\"b\".csv", 1 + i * 3, ct);
            await writer.CompleteAsync(ct);
        }

        var expected = await File.ReadAllBytesAsync(GoldenFile(), ct);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(stream.ToArray()));
        Assert.Equal(expected, stream.ToArray());
    }

    private static string GoldenFile([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "mapped-2026-12-07.ndjson");

    private static List<object?[]> CompatibilityRows()
    {
        var rows = NastyRows.Generate(20261207, 400).Select(r => r.Select(NastyRows.Expected).ToArray()).ToList();
        var ascii = new string([.. Enumerable.Range(0, 128).Select(c => (char)c)]);
        string[] texts =
        [
            ascii, "call \"before\", please", "line one\nline two", "fragile\r\nhandle with care", "back\\slash", "\u007f del", "\b\f\t\v\u0000\u001f",
            "Zoë \"Z\" Müller", "😀 \"gift\"", "\ud800 lone", "lone \udc00 \"q\"", "\u2028\u2029 \"sep\"", "\ufffe\uffff \"nc\"", "\u0378 unassigned \"x\"", "中文\n", "</script>&'+`", "",
        ];
        foreach (var t in texts) rows.Add([t, 1, 2L, 3.5m, 4.25, true, new DateOnly(1, 1, 1), DateTime.MinValue, DateTimeOffset.MinValue, Guid.Empty, t]);
        DateTime[] times =
        [
            DateTime.MinValue, DateTime.MaxValue, new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(1), DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc),
            new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(999, 12, 31, 1, 2, 3).AddTicks(1234567), new DateTime(2026, 12, 7, 4, 30, 0, DateTimeKind.Utc).AddTicks(10),
        ];
        DateTimeOffset[] offsets =
        [
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new DateTimeOffset(1999, 12, 31, 23, 0, 0, TimeSpan.FromHours(-5.5)), new DateTimeOffset(2026, 12, 7, 4, 30, 0, TimeSpan.FromHours(14)).AddTicks(9999999),
            new DateTimeOffset(2026, 12, 7, 4, 30, 0, TimeSpan.FromHours(-14)), new DateTimeOffset(10, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(45)), new DateTimeOffset(2000, 6, 15, 12, 0, 0, TimeSpan.Zero).AddTicks(100),
        ];
        for (var i = 0; i < times.Length; i++) rows.Add([null, null, null, null, null, null, null, times[i], offsets[i], null, null]);
        decimal[] decimals = [0m, 0.00m, -0.00m, 0.5m, -0.0001m, 100m, -123.4500m, 18446744073709551615m, 1844674407370955161.5m, 18446744073709551616m, 79228162514264337593543950335m, -7.9228162514264337593543950335m];
        foreach (var m in decimals) rows.Add([null, int.MinValue, long.MinValue, m, double.NaN, false, DateOnly.MaxValue, null, null, null, null]);
        return rows;
    }

    /// <summary>A row as the writer encoded it before: one <see cref="Utf8JsonWriter"/> call per value.</summary>
    private static byte[] JsonWriterLine(object?[] row, long record)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var value in row)
            {
                switch (value)
                {
                    case null: json.WriteNullValue(); break;
                    case string s: json.WriteStringValue(s); break;
                    case int i: json.WriteNumberValue(i); break;
                    case long l: json.WriteNumberValue(l); break;
                    case decimal m: json.WriteNumberValue(m); break;
                    case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
                    case double d: json.WriteStringValue(d.ToString("R", CultureInfo.InvariantCulture)); break;
                    case bool b: json.WriteBooleanValue(b); break;
                    case DateOnly date: json.WriteStringValue(date.ToString(MappedRowFormat.DateFormat, CultureInfo.InvariantCulture)); break;
                    case DateTime dt: json.WriteStringValue(dt.ToString(MappedRowFormat.TimeFormat, CultureInfo.InvariantCulture)); break;
                    case DateTimeOffset dto: json.WriteStringValue(dto.ToString(MappedRowFormat.TimeFormat, CultureInfo.InvariantCulture)); break;
                    case Guid g: json.WriteStringValue(g); break;
                }
            }
            json.WriteNumberValue(record);
            json.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
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

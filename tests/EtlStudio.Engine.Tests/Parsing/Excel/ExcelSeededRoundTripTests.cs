using System.Globalization;
using Xunit;
using DocumentFormat.OpenXml.Spreadsheet;
using EtlStudio.Engine.Definitions;
using static EtlStudio.Engine.Tests.Parsing.Excel.XlsxFile;

namespace EtlStudio.Engine.Tests.Parsing.Excel;

/// <summary>Seeded random workbooks (every cell type, gaps between rows and cells, cells without references) written
/// with the Open XML SDK and read back: every cell must come back as the text it stands for.</summary>
public sealed class ExcelSeededRoundTripTests
{
    private const int Columns = 6;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Random_workbooks_read_back_every_cell(int seed)
    {
        var random = new Random(seed);
        var file = new XlsxFile { Date1904 = seed % 2 == 0 };
        var rows = new List<Row> { Texts(1, [.. Enumerable.Range(1, Columns).Select(c => "f" + c)]) };
        var expected = new List<(long Row, string?[] Values)>();
        var rowNumber = 1u;
        for (var r = 0; r < 300; r++)
        {
            rowNumber += (uint)(random.Next(4) == 0 ? random.Next(2, 5) : 1);
            var cells = new List<Cell>();
            var values = new string?[Columns];
            for (var c = 1; c <= Columns; c++)
            {
                if (random.Next(5) == 0) continue;
                var (cell, value) = RandomCell(random, file, Letters(c) + rowNumber, file.Date1904);
                // Half of the cells that directly follow the previous one leave out their reference.
                if (cells.Count > 0 && values[c - 2] is not null && random.Next(2) == 0 && cells[^1].CellReference?.Value == Letters(c - 1) + rowNumber) cell.CellReference = null;
                cells.Add(cell);
                values[c - 1] = value;
            }
            rows.Add(Row(random.Next(3) == 0 && rows[^1].RowIndex?.Value == rowNumber - 1 ? null : rowNumber, [.. cells]));
            if (values.Any(v => v is not null)) expected.Add((rowNumber, values));
        }
        file.Sheet("Data", [.. rows]);

        var records = await Parse.AllAsync(Parse.Document(file.Build(), $"in/seed{seed}.xlsx"), new ParseDefinition { Format = ParseFormat.Excel },
            [.. Enumerable.Range(1, Columns).Select(c => "f" + c)]);

        Assert.Equal(expected.Count, records.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Row, records[i].Number);
            Assert.Equal(expected[i].Values, records[i].Values);
            Assert.Null(records[i].Error);
        }
    }

    private static (Cell Cell, string Value) RandomCell(Random random, XlsxFile file, string reference, bool date1904)
    {
        switch (random.Next(7))
        {
            case 0:
                var text = RandomText(random);
                file.SharedStrings.Add([text]);
                return (Shared(reference, file.SharedStrings.Count - 1), text);
            case 1:
                var inline = RandomText(random);
                return (Inline(reference, inline), inline);
            case 2:
                var integer = random.NextInt64(-1_000_000_000_000, 1_000_000_000_000).ToString(CultureInfo.InvariantCulture);
                return (Number(reference, integer), integer);
            case 3:
                var number = Math.Round((decimal)(random.NextDouble() * 2_000_000 - 1_000_000), random.Next(0, 7)).ToString(CultureInfo.InvariantCulture);
                return (Number(reference, number), number);
            case 4:
                var day = new DateOnly(1905, 1, 1).AddDays(random.Next(0, 70_000));
                var serial = day.DayNumber - (date1904 ? new DateOnly(1904, 1, 1).DayNumber : new DateOnly(1899, 12, 30).DayNumber);
                return (Number(reference, serial.ToString(CultureInfo.InvariantCulture), DateStyle), day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            case 5:
                var seconds = random.Next(0, 86_400);
                var moment = new DateOnly(2000, 1, 1).AddDays(random.Next(0, 9000));
                var whole = moment.DayNumber - (date1904 ? new DateOnly(1904, 1, 1).DayNumber : new DateOnly(1899, 12, 30).DayNumber);
                var value = (whole + seconds / 86_400m).ToString(CultureInfo.InvariantCulture);
                return (Number(reference, value, DateTimeStyle),
                    moment.ToDateTime(TimeOnly.MinValue).AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            default:
                var flag = random.Next(2) == 0;
                return (Bool(reference, flag), flag ? "true" : "false");
        }
    }

    private static string RandomText(Random random)
    {
        const string alphabet = "abcXYZ 019;,\"'<>&\t€ü日本\u00a0";
        var chars = new char[random.Next(1, 20)];
        for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
        return new string(chars);
    }
}

using System.Globalization;
using System.Text;

namespace EtlStudio.Benchmarks.Csv;

/// <summary>Writes the seeded 12-column CSV: ints, decimals, timestamps, booleans, nullable and quoted text with
/// commas, quotes and line breaks. A null is an empty unquoted field, which both psql (CSV format) and the engine read
/// as NULL; text is never empty, so the two loads must agree cell for cell.</summary>
internal static class BenchmarkCsvFile
{
    public const string Header = "OrderId,CustomerId,Quantity,UnitPrice,Amount,OrderedAt,ShippedAt,Paid,Gift,CustomerName,Note,Country";

    private static readonly string[] Names = ["Smith, John", "O'Brien", "Zoë \"Z\" Müller", "李小龙", "Ana María", "Dupont; Jean", "Ngũgĩ", "x", "Émile", "Børge"];
    private static readonly string[] Notes = ["leave at door", "call \"before\", please", "line one\nline two", "fragile\r\nhandle with care", "😀 gift", "a,b,c", "  padded  "];
    private static readonly string[] Countries = ["NL", "DE", "FR", "US", "JP", "BR"];

    public static Task WriteAsync(string path, long rows, CancellationToken cancellationToken) => WriteAsync(path, rows, 1, cancellationToken);

    /// <summary>Writes <paramref name="rows"/> rows whose OrderId counts up from <paramref name="firstId"/>, so many files
    /// together hold distinct keys.</summary>
    public static async Task WriteAsync(string path, long rows, long firstId, CancellationToken cancellationToken)
    {
        var random = new Random(20241125);
        var epoch = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        await writer.WriteAsync(Header + "\n");
        var sb = new StringBuilder(256);
        for (var r = firstId; r < firstId + rows; r++)
        {
            sb.Clear();
            var ordered = epoch.AddSeconds(random.Next(0, 5 * 365 * 86400));
            var quantity = random.Next(1, 500);
            var unitPrice = random.Next(1, 10_000_000) / 10_000m;
            var c = CultureInfo.InvariantCulture;
            sb.Append(c, $"{r},{random.NextInt64(1, 10_000_000_000)},{quantity},{unitPrice},{Math.Round(unitPrice * quantity, 2)},{ordered:yyyy-MM-dd HH:mm:ss},");
            if (random.Next(5) != 0) sb.Append(c, $"{ordered.AddHours(random.Next(1, 500)):yyyy-MM-ddTHH:mm:ss.ffffff}Z");
            sb.Append(random.Next(2) == 0 ? ",true," : ",false,");
            if (random.Next(3) != 0) sb.Append(random.Next(2) == 0 ? "1" : "0");
            sb.Append(',');
            Quoted(sb, Names[random.Next(Names.Length)]);
            sb.Append(',');
            if (random.Next(4) != 0) Quoted(sb, Notes[random.Next(Notes.Length)]);
            sb.Append(',').Append(Countries[random.Next(Countries.Length)]).Append('\n');
            await writer.WriteAsync(sb, cancellationToken);
        }
    }

    private static void Quoted(StringBuilder sb, string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            sb.Append(text);
            return;
        }
        sb.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}

using Xunit;
using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;
using EtlStudio.Engine.Sources;

namespace EtlStudio.Engine.Tests.Parsing;

/// <summary>A parsed record as the tests look at it: the bound values and the record error.</summary>
internal sealed record ParsedRecord(long Number, string?[] Values, string? Error);

internal static class Parse
{
    public static SourceDocument Document(string text, string name = "in/orders.csv", Encoding? encoding = null) =>
        new(name, new MemoryStream((encoding ?? new UTF8Encoding(false)).GetBytes(text)));

    public static SourceDocument Document(byte[] bytes, string name) => new(name, new MemoryStream(bytes));

    public static async Task<List<ParsedRecord>> AllAsync(SourceDocument document, ParseDefinition parse, params string[] fields)
    {
        await using var reader = await DocumentParser.OpenAsync(document, parse, TestContext.Current.CancellationToken);
        return await AllAsync(reader, fields);
    }

    public static async Task<List<ParsedRecord>> AllAsync(IRecordReader reader, params string[] fields)
    {
        var handles = fields.Select(reader.Bind).ToArray();
        var records = new List<ParsedRecord>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            records.Add(new ParsedRecord(reader.RecordNumber, [.. handles.Select(reader.GetValue)], reader.RecordError));
        }
        return records;
    }
}

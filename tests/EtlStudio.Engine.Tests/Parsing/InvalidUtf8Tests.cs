using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;
using Xunit;

namespace EtlStudio.Engine.Tests.Parsing;

/// <summary>Invalid UTF-8 is never decoded into U+FFFD: a record that holds it is rejected naming the byte (CSV, JSON),
/// or the document fails naming line and byte (XML, which cannot resync).</summary>
public sealed class InvalidUtf8Tests
{
    private static byte[] Bytes(params object[] parts) =>
        [.. parts.SelectMany(p => p is string s ? Encoding.UTF8.GetBytes(s) : p is byte b ? [b] : (byte[])p)];

    [Fact]
    public async Task A_CSV_record_with_invalid_UTF8_is_rejected_naming_its_field_and_byte_and_the_others_read()
    {
        var records = await Parse.AllAsync(Parse.Document(Bytes("id,name\n1,ok\n2,b", (byte)0xFF, "d\n3,fine\n"), "in/a.csv"), new ParseDefinition(), "id", "name");

        Assert.Equal(3, records.Count);
        Assert.Null(records[0].Error);
        Assert.Equal("invalid UTF-8 at byte 16", records[1].Error);
        Assert.Null(records[2].Error);
        Assert.Equal(["3", "fine"], records[2].Values);
    }

    [Fact]
    public async Task The_CSV_reject_names_the_field_and_counts_the_BOM_and_skipped_lines_in_the_byte_offset()
    {
        await using var reader = await DocumentParser.OpenAsync(
            Parse.Document(Bytes(new byte[] { 0xEF, 0xBB, 0xBF }, "title line\nid,name\n1,ok\n2,b", new byte[] { 0xC3, 0x28 }, "\n"), "in/a.csv"),
            new ParseDefinition { SkipRows = 1 }, TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));

        Assert.Equal("invalid UTF-8 at byte 30", reader.RecordError);
        Assert.Equal("field 2", reader.RecordErrorField);
    }

    [Fact]
    public async Task Invalid_UTF8_in_the_CSV_header_fails_the_document_naming_file_and_byte()
    {
        var e = await Assert.ThrowsAsync<EtlDataException>(() =>
            Parse.AllAsync(Parse.Document(Bytes("id,na", (byte)0xE9, "me\n1,x\n"), "in/h.csv"), new ParseDefinition(), "id"));

        Assert.Equal("in/h.csv", e.Origin);
        Assert.Contains("header", e.Message, StringComparison.Ordinal);
        Assert.Contains("invalid UTF-8 at byte 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_NDJSON_line_with_invalid_UTF8_is_rejected_naming_line_and_byte_and_the_next_line_reads()
    {
        var records = await Parse.AllAsync(
            Parse.Document(Bytes("{\"a\":\"x\"}\n\n{\"a\":\"", (byte)0xC0, (byte)0xAF, "\"}\n{\"a\":\"z\"}\n"), "in/a.ndjson"),
            new ParseDefinition { Format = ParseFormat.Json, JsonLayout = JsonLayout.Ndjson }, "a");

        Assert.Equal(3, records.Count);
        Assert.Equal("invalid UTF-8 on line 3 at byte 17", records[1].Error);
        Assert.Equal("z", records[2].Values[0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("data.items")]
    public async Task A_JSON_array_record_with_invalid_UTF8_in_a_string_is_rejected_instead_of_failing_the_run(string path)
    {
        var (open, close) = path.Length == 0 ? ("", "") : ("{\"data\":{\"items\":", "}}");
        var prefix = open + "[{\"a\":\"x\"},{\"a\":\"y";
        var records = await Parse.AllAsync(
            Parse.Document(Bytes(prefix, (byte)0xFE, "\"},{\"k", (byte)0x80, "\":1},{\"a\":\"z\"}]" + close), "in/a.json"),
            new ParseDefinition { Format = ParseFormat.Json, RecordsPath = path }, "a");

        Assert.Equal(4, records.Count);
        Assert.Equal($"invalid UTF-8 at byte {prefix.Length}", records[1].Error);
        Assert.StartsWith("invalid UTF-8 at byte ", records[2].Error, StringComparison.Ordinal);
        Assert.Equal("z", records[3].Values[0]);
    }

    [Fact]
    public async Task Invalid_UTF8_in_XML_fails_naming_file_record_line_and_byte_after_the_records_before_it()
    {
        await using var reader = await DocumentParser.OpenAsync(
            Parse.Document(Bytes("<r>\n<record><a>1</a></record>\n<record><a>b", (byte)0xFF, "</a></record>\n</r>"), "in/x.xml"),
            new ParseDefinition { Format = ParseFormat.Xml }, TestContext.Current.CancellationToken);
        var a = reader.Bind("a");

        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal("1", reader.GetValue(a));
        var e = await Assert.ThrowsAsync<EtlDataException>(async () => await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal("in/x.xml", e.Origin);
        Assert.Equal(2, e.Record);
        Assert.Contains("invalid UTF-8 at byte 42 (line 3, byte 13 of the line)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task XML_whose_multibyte_characters_straddle_read_chunks_reads_them_whole()
    {
        var text = new StringBuilder("<r>");
        for (var i = 0; i < 5000; i++) text.Append("<record><a>é€😀").Append(i).Append("</a></record>");
        text.Append("</r>");

        var records = await Parse.AllAsync(Parse.Document(text.ToString(), "in/x.xml"), new ParseDefinition { Format = ParseFormat.Xml }, "a");

        Assert.Equal(5000, records.Count);
        Assert.All(records, r => Assert.Equal("é€😀" + (r.Number - 1), r.Values[0]));
    }

    [Fact]
    public async Task Other_declared_encodings_decode_as_before()
    {
        var records = await Parse.AllAsync(Parse.Document(Bytes("id,name\n1,caf", (byte)0xE9, "\n"), "in/l.csv"), new ParseDefinition { Encoding = "iso-8859-1" }, "name");

        Assert.Null(records[0].Error);
        Assert.Equal("café", records[0].Values[0]);
    }
}

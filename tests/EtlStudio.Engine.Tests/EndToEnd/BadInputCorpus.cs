using System.Text;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>One bad (or awkward) input and what a run over it must do: load <see cref="Written"/> rows and reject
/// <see cref="Rejected"/>, or, when they are null, fail with an error that names the file and contains
/// <see cref="Where"/>.</summary>
internal sealed record BadInput(string File, byte[] Bytes, ParseDefinition Parse, long? Written, long? Rejected, string? Where = null);

/// <summary>The inputs of <see cref="BadInputCorpusTests"/>, by name; each is a few MB at most.</summary>
internal static class BadInputCorpus
{
    private static readonly ParseDefinition Csv = new();
    private static readonly ParseDefinition Json = new() { Format = ParseFormat.Json };
    private static readonly ParseDefinition Ndjson = new() { Format = ParseFormat.Json, JsonLayout = JsonLayout.Ndjson };
    private static readonly ParseDefinition Xml = new() { Format = ParseFormat.Xml };

    private static byte[] B(params object[] parts) =>
        [.. parts.SelectMany(p => p switch
        {
            string s => Encoding.UTF8.GetBytes(s),
            byte b => [b],
            int i => [(byte)i],
            byte[] bytes => bytes,
            _ => throw new ArgumentException("not a part", nameof(parts)),
        })];

    private static BadInput Loads(string file, byte[] bytes, ParseDefinition parse, long written, long rejected) => new(file, bytes, parse, written, rejected);
    private static BadInput Fails(string file, byte[] bytes, ParseDefinition parse, string where) => new(file, bytes, parse, null, null, where);

    private static string Nested(string open, string close, int levels, string inner) =>
        string.Concat(Enumerable.Repeat(open, levels)) + inner + string.Concat(Enumerable.Repeat(close, levels));

    private static byte[] Random(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private const string Header = "id,name,qty\n";
    private const string XmlHead = "<items>\n";

    public static readonly IReadOnlyDictionary<string, BadInput> All = new Dictionary<string, BadInput>
    {
        // CSV
        ["csv_sound"] = Loads("a.csv", B(Header, "1,a,1\n2,b,2\n"), Csv, 2, 0),
        ["csv_invalid_utf8_in_text"] = Loads("a.csv", B(Header, "1,a", 0xFF, "b,1\n2,b,2\n3,c,3\n"), Csv, 2, 1),
        ["csv_invalid_utf8_in_number"] = Loads("a.csv", B(Header, "1,a,", 0x80, "\n2,b,2\n"), Csv, 1, 1),
        ["csv_overlong_utf8"] = Loads("a.csv", B(Header, "1,", 0xC0, 0xAF, ",1\n2,b,2\n"), Csv, 1, 1),
        ["csv_utf8_encoded_surrogate"] = Loads("a.csv", B(Header, "1,", 0xED, 0xA0, 0x80, ",1\n2,b,2\n"), Csv, 1, 1),
        ["csv_truncated_utf8_at_end"] = Loads("a.csv", B(Header, "1,a,1\n2,b", 0xE2, 0x82), Csv, 1, 1),
        ["csv_invalid_utf8_in_header"] = Fails("a.csv", B("id,na", 0xFE, "me,qty\n1,a,1\n"), Csv, "byte 5"),
        ["csv_utf8_bom"] = Loads("a.csv", B(new byte[] { 0xEF, 0xBB, 0xBF }, Header, "1,a,1\n2,b,2\n"), Csv, 2, 0),
        ["csv_utf16_bom"] = Loads("a.csv", [.. new byte[] { 0xFF, 0xFE }, .. Encoding.Unicode.GetBytes(Header + "1,é,1\n2,b,2\n")], Csv, 2, 0),
        ["csv_only_a_bom"] = Fails("a.csv", [0xEF, 0xBB, 0xBF], Csv, "empty"),
        ["csv_empty"] = Fails("a.csv", [], Csv, "empty"),
        ["csv_header_only"] = Loads("a.csv", B(Header), Csv, 0, 0),
        ["csv_stray_quote"] = Loads("a.csv", B(Header, "1,24\" tv,1\n2,b,2\n"), Csv, 1, 1),
        ["csv_stray_quote_lenient"] = Loads("a.csv", B(Header, "1,24\" tv,1\n2,b,2\n"), Csv with { LenientQuotes = true }, 2, 0),
        ["csv_text_after_closing_quote"] = Loads("a.csv", B(Header, "1,\"a\"b,1\n2,b,2\n"), Csv, 1, 1),
        ["csv_unterminated_quote"] = Fails("a.csv", B(Header, "1,a,1\n2,\"b,2\n3,c,3\n"), Csv, "record 2"),
        ["csv_duplicate_header"] = Fails("a.csv", B("id,name,qty,name\n1,a,1,b\n"), Csv, "'name' more than once"),
        ["csv_missing_mapped_field"] = Fails("a.csv", B("id,name\n1,a\n"), Csv, "'qty'"),
        ["csv_wrong_field_counts"] = Loads("a.csv", B(Header, "1,a\n2,b,2\n3,c,3,x\n"), Csv, 1, 2),
        ["csv_truncated_mid_record"] = Loads("a.csv", B(Header, "1,a,1\n2,b"), Csv, 1, 1),
        ["csv_mixed_line_endings"] = Loads("a.csv", B("id,name,qty\r\n1,a,1\n2,b,2\r\n3,c,3\r4,d,4"), Csv, 4, 0),
        ["csv_blank_lines"] = Loads("a.csv", B(Header, "\n1,a,1\n\n\r\n2,b,2\n\n"), Csv, 2, 0),
        ["csv_nul_bytes"] = Loads("a.csv", B(Header, "1,a", 0, "b,1\n2,", 0, ",2\n"), Csv, 2, 0),
        ["csv_not_a_number"] = Loads("a.csv", B(Header, "1,a,one\n2,b,2\n"), Csv, 1, 1),
        ["csv_very_long_field"] = Loads("a.csv", B(Header, "1,", new string('x', 2_000_000), ",1\n2,b,2\n"), Csv, 2, 0),
        ["csv_quoted_empty_kept"] = Loads("a.csv", B(Header, "1,\"\",1\n2,,2\n"), Csv with { EmptyQuotedAsEmptyString = true }, 2, 0),
        ["csv_random_bytes"] = Fails("a.csv", Random(7, 100_000), Csv, "byte "),
        // JSON
        ["json_sound"] = Loads("a.json", B("""[{"id":1,"name":"a","qty":1},{"id":2,"name":"b","qty":2}]"""), Json, 2, 0),
        ["json_invalid_utf8_in_string"] = Loads("a.json", B("[{\"id\":1,\"name\":\"a", 0xFF, "\",\"qty\":1},{\"id\":2,\"name\":\"b\",\"qty\":2}]"), Json, 1, 1),
        ["json_invalid_utf8_in_key"] = Loads("a.json", B("[{\"id\":1,\"n", 0xC3, "\":\"a\",\"qty\":1},{\"id\":2,\"name\":\"b\",\"qty\":2}]"), Json, 1, 1),
        ["json_invalid_utf8_between_values"] = Fails("a.json", B("""[{"id":1,"name":"a","qty":1},""", 0xFF, """{"id":2}]"""), Json, "offset"),
        ["json_trailing_garbage"] = Fails("a.json", B("""[{"id":1,"name":"a","qty":1}] garbage"""), Json, "offset 30)"),
        ["json_two_documents"] = Fails("a.json", B("""[{"id":1,"name":"a","qty":1}]""", "\n", """[{"id":2,"name":"b","qty":2}]"""), Json, "offset"),
        ["json_empty"] = Fails("a.json", [], Json, "empty"),
        ["json_whitespace_only"] = Fails("a.json", B(" \r\n\t "), Json, "empty"),
        ["json_truncated"] = Fails("a.json", B("""[{"id":1,"name":"a","qty":1},{"id":2,"na"""), Json, "offset"),
        ["json_deep_nesting"] = Fails("a.json", B("""[{"id":1,"name":""", Nested("[", "]", 100_000, "1"), ""","qty":1}]"""), Json, "offset"),
        ["json_wrong_root"] = Fails("a.json", B("""{"id":1,"name":"a","qty":1}"""), Json with { JsonLayout = JsonLayout.Array }, "not an array"),
        ["json_records_path_missing"] = Fails("a.json", B("""{"data":{"rows":[]}}"""), Json with { RecordsPath = "data.items" }, "data.items"),
        ["json_record_not_an_object"] = Loads("a.json", B("""[{"id":1,"name":"a","qty":1},42,"x"]"""), Json, 1, 2),
        ["json_utf8_bom"] = Loads("a.json", B(new byte[] { 0xEF, 0xBB, 0xBF }, """[{"id":1,"name":"a","qty":1}]"""), Json, 1, 0),
        ["json_raw_control_char_in_string"] = Fails("a.json", B("[{\"id\":1,\"name\":\"a", 0, "b\",\"qty\":1}]"), Json, "offset"),
        ["json_field_in_no_record"] = Fails("a.json", B("""[{"id":1,"name":"a"},{"id":2,"name":"b"}]"""), Json, "'qty'"),
        ["json_very_long_string"] = Loads("a.json", B("""[{"id":1,"name":" """, new string('y', 2_000_000), """ ","qty":1}]"""), Json, 1, 0),
        ["ndjson_blank_lines_and_a_bad_line"] = Loads("a.ndjson", B("{\"id\":1,\"name\":\"a\",\"qty\":1}\n\n  \r\n{oops\n{\"id\":2,\"name\":\"b\",\"qty\":2}\n"), Ndjson, 2, 1),
        ["ndjson_invalid_utf8_line"] = Loads("a.ndjson", B("{\"id\":1,\"name\":\"a\",\"qty\":1}\n{\"id\":3,\"name\":\"", 0xF8, "\",\"qty\":1}\n{\"id\":2,\"name\":\"b\",\"qty\":2}"), Ndjson, 2, 1),
        ["ndjson_empty"] = Fails("a.ndjson", B("\n\n"), Ndjson, "empty"),
        ["ndjson_deep_nesting"] = Loads("a.ndjson", B("{\"id\":1,\"name\":", Nested("{\"a\":", "}", 10_000, "1"), ",\"qty\":1}\n{\"id\":2,\"name\":\"b\",\"qty\":2}\n"), Ndjson, 1, 1),
        // XML
        ["xml_sound"] = Loads("a.xml", B(XmlHead, "<record><id>1</id><name>a</name><qty>1</qty></record><record id=\"x\"><id>2</id><name>b</name><qty>2</qty></record></items>"), Xml, 2, 0),
        ["xml_invalid_utf8"] = Fails("a.xml", B(XmlHead, "<record><id>1</id><name>a</name><qty>1</qty></record>\n<record><id>2</id><name>", 0xFF, "</name></record></items>"), Xml, "line 3"),
        ["xml_deep_nesting"] = Fails("a.xml", B(XmlHead, "<record><id>1</id><qty>1</qty><name>", Nested("<a>", "</a>", 30_000, "x"), "</name></record></items>"), Xml, "deeper than 64"),
        ["xml_deep_nesting_outside_records"] = Loads("a.xml", B(Nested("<a>", "</a>", 30_000, "<record><id>1</id><name>a</name><qty>1</qty></record>")), Xml, 1, 0),
        ["xml_nested_value"] = Loads("a.xml", B(XmlHead, "<record><id>1</id><name><first>a</first></name><qty>1</qty></record><record><id>2</id><name>b</name><qty>2</qty></record></items>"), Xml, 2, 0),
        ["xml_truncated"] = Fails("a.xml", B(XmlHead, "<record><id>1</id><name>a</name><qty>1</qty></record><record><id>2</id><na"), Xml, "line"),
        ["xml_empty"] = Fails("a.xml", [], Xml, "empty"),
        ["xml_utf8_bom"] = Loads("a.xml", B(new byte[] { 0xEF, 0xBB, 0xBF }, XmlHead, "<record><id>1</id><name>a</name><qty>1</qty></record></items>"), Xml, 1, 0),
        ["xml_text_after_root"] = Fails("a.xml", B(XmlHead, "<record><id>1</id><name>a</name><qty>1</qty></record></items>\n<items/>"), Xml, "line 3"),
        ["xml_nul_byte"] = Fails("a.xml", B(XmlHead, "<record><id>1</id><name>a", 0, "</name><qty>1</qty></record></items>"), Xml, "line 2"),
        ["xml_entity_expansion"] = Fails("a.xml", B("<!DOCTYPE items [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>", XmlHead, "<record><id>1</id><name>&b;</name><qty>1</qty></record></items>"), Xml, "DTD"),
        ["xml_other_record_element"] = Loads("a.xml", B(XmlHead, "<item><id>1</id></item></items>"), Xml, 0, 0),
        ["xml_field_in_no_record"] = Fails("a.xml", B(XmlHead, "<record><id>1</id><name>a</name></record></items>"), Xml, "'qty'"),
    };
}

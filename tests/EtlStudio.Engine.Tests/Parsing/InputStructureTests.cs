using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;
using Xunit;

namespace EtlStudio.Engine.Tests.Parsing;

/// <summary>Input whose structure is wrong fails with an error naming the file and where, instead of loading
/// something else than the file says.</summary>
public sealed class InputStructureTests
{
    private static readonly ParseDefinition Json = new() { Format = ParseFormat.Json };
    private static readonly ParseDefinition Xml = new() { Format = ParseFormat.Xml };

    [Fact]
    public async Task A_CSV_header_that_names_a_field_twice_fails_naming_file_and_name()
    {
        var e = await Assert.ThrowsAsync<EtlDataException>(() =>
            Parse.AllAsync(Parse.Document("id,amount,name,amount\n1,2,x,3\n", "in/d.csv"), new ParseDefinition(), "amount"));

        Assert.Equal("in/d.csv", e.Origin);
        Assert.Contains("'amount' more than once", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blank_header_names_and_a_CSV_without_header_are_not_duplicates()
    {
        var padded = await Parse.AllAsync(Parse.Document("id,name,,\n1,x,,\n", "in/p.csv"), new ParseDefinition(), "name");
        var headerless = await Parse.AllAsync(Parse.Document("a,a,a\nb,b,b\n", "in/n.csv"), new ParseDefinition { HasHeader = false }, "Column3");

        Assert.Equal("x", Assert.Single(padded).Values[0]);
        Assert.Equal(["a", "b"], headerless.Select(r => r.Values[0]));
    }

    [Theory]
    [InlineData("""[{"a":1}] x""", "", 10)]
    [InlineData("""[{"a":1}][{"a":2}]""", "", 9)]
    [InlineData("""[{"a":1}],""", "", 9)]
    [InlineData("""{"data":{"items":[{"a":1}]},"more":true} }""", "data.items", 41)]
    public async Task Text_after_the_JSON_document_fails_naming_file_and_byte_offset(string text, string path, int offset)
    {
        var e = await Assert.ThrowsAsync<EtlDataException>(() => Parse.AllAsync(Parse.Document(text, "in/t.json"), Json with { RecordsPath = path }, "a"));

        Assert.Equal("in/t.json", e.Origin);
        Assert.Null(e.Record);
        Assert.Contains($"offset {offset})", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_envelope_may_go_on_after_the_records_array_and_end_with_white_space()
    {
        var records = await Parse.AllAsync(
            Parse.Document("""{"data":{"items":[{"a":1},{"a":2}],"next":{"x":[1,2]}},"count":2}""" + " \r\n\t", "in/e.json"), Json with { RecordsPath = "data.items" }, "a");

        Assert.Equal(["1", "2"], records.Select(r => r.Values[0]));
    }

    [Fact]
    public async Task A_truncated_JSON_array_fails_naming_the_file()
    {
        var e = await Assert.ThrowsAsync<EtlDataException>(() => Parse.AllAsync(Parse.Document("""[{"a":1},{"a":""", "in/cut.json"), Json, "a"));

        Assert.Equal("in/cut.json", e.Origin);
        Assert.Contains("offset", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task XML_nested_too_deep_inside_a_record_fails_naming_file_line_and_depth_without_costing_memory()
    {
        const int levels = 30_000;
        var text = new StringBuilder("<r>\n<record>\n");
        for (var i = 0; i < levels; i++) text.Append("<a>");
        text.Append('x');
        for (var i = 0; i < levels; i++) text.Append("</a>");
        text.Append("</record></r>");
        var document = Parse.Document(text.ToString(), "in/deep.xml");

        // MemoryStream input completes every read at once, so the whole parse allocates on this thread.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = await Assert.ThrowsAsync<EtlDataException>(() => Parse.AllAsync(document, Xml, "a"));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("in/deep.xml", e.Origin);
        Assert.Equal(1, e.Record);
        Assert.Contains($"deeper than {XmlRecordReader.MaxDepth} levels", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 20_000_000, $"{allocated:N0} bytes allocated for {text.Length:N0} bytes of input");
    }

    [Fact]
    public async Task XML_nested_up_to_the_cap_reads_its_deepest_value()
    {
        var path = string.Join('.', Enumerable.Repeat("a", XmlRecordReader.MaxDepth));
        var xml = "<r><record>" + string.Concat(Enumerable.Repeat("<a>", XmlRecordReader.MaxDepth)) + "deep" + string.Concat(Enumerable.Repeat("</a>", XmlRecordReader.MaxDepth)) + "</record></r>";

        var record = Assert.Single(await Parse.AllAsync(Parse.Document(xml, "in/ok.xml"), Xml, path));

        Assert.Null(record.Error);
        Assert.Equal("deep", record.Values[0]);
    }

    [Fact]
    public async Task A_mapped_XML_element_with_child_elements_reads_as_its_inner_XML_instead_of_null()
    {
        const string xml = """
            <r><record><customer type="b2b">
              <name>A &amp; B</name>
              <address at="x&quot;y"><city>Lyon</city><zip/></address>
            </customer><note>see <b>this</b> &lt;now&gt;<![CDATA[<raw>]]></note></record>
            <record><customer>C</customer></record></r>
            """;
        await using var reader = await DocumentParser.OpenAsync(Parse.Document(xml, "in/c.xml"), Xml, TestContext.Current.CancellationToken);
        int customer = reader.Bind("customer"), address = reader.Bind("customer.address"), city = reader.Bind("customer.address.city"), note = reader.Bind("note");

        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Null(reader.RecordError);
        Assert.Equal("\n  <name>A &amp; B</name>\n  <address at=\"x&quot;y\"><city>Lyon</city><zip/></address>\n", reader.GetValue(customer));
        Assert.Equal("<city>Lyon</city><zip/>", reader.GetValue(address));
        Assert.Equal("Lyon", reader.GetValue(city));
        Assert.Equal("see <b>this</b> &lt;now&gt;<![CDATA[<raw>]]>", reader.GetValue(note));
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal("C", reader.GetValue(customer));
    }

    [Fact]
    public async Task XML_text_split_by_comments_and_CDATA_is_one_value()
    {
        var record = Assert.Single(await Parse.AllAsync(Parse.Document("<r><record><a>x<!-- c -->y<![CDATA[<z>]]> </a></record></r>", "in/t.xml"), Xml, "a"));

        Assert.Equal("xy<z> ", record.Values[0]);
    }
}

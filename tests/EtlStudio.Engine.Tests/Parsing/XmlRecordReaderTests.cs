using Xunit;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;

namespace EtlStudio.Engine.Tests.Parsing;

public sealed class XmlRecordReaderTests
{
    private static readonly ParseDefinition Xml = new() { Format = ParseFormat.Xml, RecordElement = "order" };

    [Fact]
    public async Task Record_elements_give_child_paths_attributes_and_nested_attributes()
    {
        const string text = """
            <?xml version="1.0" encoding="utf-8"?>
            <export xmlns="urn:x"><meta><order id="skip-me-not">ignored?</order></meta>
              <orders>
                <order id="1"><customer type="b2b"><name>ACME &amp; Co</name><city/></customer><note><![CDATA[<raw>]]></note></order>
                <order id="2"><customer><name>Bob</name></customer><line>a</line><line>b</line></order>
              </orders>
            </export>
            """;

        var records = await Parse.AllAsync(Parse.Document(text, "f.xml"), Xml, "@id", "customer.name", "customer/@type", "customer.city", "note", "line", "missing");

        Assert.Equal(3, records.Count);
        Assert.Equal(["skip-me-not", null, null, null, null, null, null], records[0].Values);
        Assert.Equal(["1", "ACME & Co", "b2b", "", "<raw>", null, null], records[1].Values);
        Assert.Equal(["2", "Bob", null, null, null, "a", null], records[2].Values);
    }

    [Fact]
    public async Task Broken_XML_fails_with_origin_record_line_and_position()
    {
        const string text = "<orders>\n<order><a>1</a></order>\n<order><a>2</b></order></orders>";

        var e = await Assert.ThrowsAsync<EtlDataException>(() => Parse.AllAsync(Parse.Document(text, "in/o.xml"), Xml, "a"));

        Assert.StartsWith("in/o.xml, record 2: invalid XML at line 3, position ", e.Message);
    }

    [Fact]
    public async Task Fields_list_paths_seen()
    {
        await using var reader = await DocumentParser.OpenAsync(Parse.Document("<r><order k=\"1\"><a><b>x</b></a></order></r>"), Xml, TestContext.Current.CancellationToken);
        await Parse.AllAsync(reader);

        Assert.Equal(["@k", "a", "a.b"], reader.Fields);
    }
}

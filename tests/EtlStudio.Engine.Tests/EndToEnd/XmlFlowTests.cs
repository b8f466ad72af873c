using System.Globalization;
using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>XML files through the real FlowRunner into SQLite: attributes, child and nested elements by path, missing
/// fields as null; an empty or broken file fails the run naming the file and record, and a TruncateReplace keeps the
/// old rows.</summary>
public sealed class XmlFlowTests(PostgresServer postgres)
{
    private static readonly ParseDefinition Xml = new() { Format = ParseFormat.Xml, RecordElement = "order" };

    private static readonly ColumnMap[] OrderColumns =
    [
        new() { SourceField = "@id", TargetColumn = "id", Type = ColumnType.Int, Required = true },
        new() { SourceField = "customer.name", TargetColumn = "name" },
        new() { SourceField = "customer.@type", TargetColumn = "kind" },
        new() { SourceField = "customer.address.city", TargetColumn = "city" },
        new() { SourceField = "qty", TargetColumn = "qty", Type = ColumnType.Int },
        new() { SourceField = "note", TargetColumn = "note" },
        new() { SourceField = "code", TargetColumn = "code", Trim = false },
        new() { SourceField = "customer", TargetColumn = "customer", Trim = false },
        new() { TargetColumn = "source_file", Derived = DerivedValue.SourceName },
        new() { TargetColumn = "record", Derived = DerivedValue.RowNumber, Type = ColumnType.Long },
    ];

    [Fact]
    public async Task Attributes_child_and_nested_elements_load_by_path_and_missing_fields_are_null()
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.Sqlite, postgres);
        await db.ExecuteAsync("CREATE TABLE orders (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, city TEXT, qty INTEGER, note TEXT, code TEXT, customer TEXT, source_file TEXT, record INTEGER)");
        await SeededFiles.WriteTextAsync(host.PathOf("a.xml"), """
            <?xml version="1.0" encoding="utf-8"?>
            <export xmlns="urn:shop" xmlns:x="urn:extra">
              <header><order id="999">not in the batch?</order></header>
              <orders>
                <order id="1">
                  <customer type="b2b">
                    <name>ACME &amp; Sons &lt;EU&gt;</name>
                    <address><city>Zürich</city><city>ignored second city</city></address>
                  </customer>
                  <qty>12</qty>
                  <note><![CDATA[5 < 6 & "quoted"]]></note>
                </order>
                <order id="2" x:extra="skip"><customer><name>Bob</name></customer><qty/><code>  </code></order>
                <x:order id="3"><qty> 7 </qty><note>line one
            line two</note><code> &#xD;x </code></x:order>
              </orders>
            </export>
            """);
        await SeededFiles.WriteTextAsync(host.PathOf("b.xml"), "<orders><order id=\"4\"><customer type=\"b2c\"><address/></customer></order></orders>");
        var flow = host.Flow(OrderColumns, DatabaseProvider.Sqlite, db.ConnectionString, "orders", "*.xml", Xml);

        var result = await host.RunAsync(flow);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal((5L, 5L, 0L), (result.RowsRead, result.RowsWritten, result.RowsRejected));
        string a = host.PathOf("a.xml"), b = host.PathOf("b.xml");
        // Record elements are matched by local name anywhere in the document, the header's one included. Whitespace-only
        // text is a leaf's value (code, Trim off); a mapped element with child elements loads as its inner XML (customer).
        const string acme = "\n        <name>ACME &amp; Sons &lt;EU&gt;</name>\n        <address><city>Zürich</city><city>ignored second city</city></address>\n      ";
        Assert.Equal(
        [
            [1L, "ACME & Sons <EU>", "b2b", "Zürich", 12L, "5 < 6 & \"quoted\"", null, acme, a, 2L],
            [2L, "Bob", null, null, null, null, "  ", "<name>Bob</name>", a, 3L],
            [3L, null, null, null, 7L, "line one\nline two", " \rx ", null, a, 4L],
            [4L, null, "b2c", null, null, null, null, "<address/>", b, 1L],
            [999L, null, null, null, null, null, null, null, a, 1L],
        ], await db.QueryAsync("SELECT id, name, kind, city, qty, note, code, customer, source_file, record FROM orders ORDER BY id"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t")]
    [InlineData("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")]
    public async Task An_empty_XML_file_fails_the_run_naming_the_file_and_TruncateReplace_keeps_the_old_rows(string content)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(DatabaseProvider.Sqlite, postgres);
        await ItemsTable.CreateWithOldRowsAsync(db);
        await SeededFiles.WriteTextAsync(host.PathOf("a.xml"), Items(100, 130));
        await SeededFiles.WriteTextAsync(host.PathOf("b.xml"), content);

        var result = await host.RunAsync(ItemsFlow(host, db));

        Assert.False(result.Succeeded);
        var error = Assert.IsAssignableFrom<EtlDataException>(result.Error);
        Assert.Equal(host.PathOf("b.xml"), error.Origin);
        Assert.Null(error.Record);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("root element", error.Message, StringComparison.Ordinal);
        Assert.Equal(31L, result.RowsRead);
        Assert.Equal(ItemsTable.Expected(ItemsTable.OldRows), await ItemsTable.ReadAsync(db));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_XML_file_with_an_unclosed_tag_midway_fails_naming_file_record_and_line_and_TruncateReplace_keeps_the_old_rows(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        await using var db = await TargetDatabase.CreateAsync(provider, postgres);
        await ItemsTable.CreateWithOldRowsAsync(db);
        await SeededFiles.WriteTextAsync(host.PathOf("a.xml"), Items(100, 130));
        await SeededFiles.WriteTextAsync(host.PathOf("b.xml"),
            "<items>\n<item><id>200</id><name>fine</name></item>\n<item><id>201</id>\n<name>never closed</item>\n<item><id>202</id></item>\n</items>\n");

        var result = await host.RunAsync(ItemsFlow(host, db));

        Assert.False(result.Succeeded);
        var error = Assert.IsAssignableFrom<EtlDataException>(result.Error);
        Assert.Equal(host.PathOf("b.xml"), error.Origin);
        Assert.Equal(2L, error.Record);
        Assert.StartsWith($"{host.PathOf("b.xml")}, record 2: invalid XML at line 4, position ", error.Message, StringComparison.Ordinal);
        Assert.Equal(ItemsTable.Expected(ItemsTable.OldRows), await ItemsTable.ReadAsync(db));
    }

    private static FlowDefinition ItemsFlow(EngineHost host, TargetDatabase db) =>
        host.Flow(ItemsTable.Columns, db.Provider, db.ConnectionString, ItemsTable.Name, "*.xml",
            new ParseDefinition { Format = ParseFormat.Xml, RecordElement = "item" }, LoadMode.TruncateReplace);

    private static string Items(int from, int to) =>
        "<items>\n" + string.Concat(Enumerable.Range(from, to - from + 1)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"  <item><id>{i}</id><name>new {i}</name><qty>{i * 2}</qty></item>\n"))) + "</items>\n";
}

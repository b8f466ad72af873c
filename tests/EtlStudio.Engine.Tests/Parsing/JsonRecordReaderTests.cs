using Xunit;
using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;

namespace EtlStudio.Engine.Tests.Parsing;

public sealed class JsonRecordReaderTests
{
    private static readonly ParseDefinition Json = new() { Format = ParseFormat.Json };

    [Fact]
    public async Task Array_at_root_reads_nested_paths_literals_raw_json_and_missing_as_null()
    {
        const string text = """
            [ {"id": 1, "ok": true, "price": 12.50, "name": "A \"q\" \u00e9",
               "customer": {"address": {"city": "Lyon"}}, "items": [{"sku": "X1"}, {"sku": "X2"}], "none": null},
              {"id": 2, "customer": {"name": "B"}} ]
            """;

        var records = await Parse.AllAsync(Parse.Document(text, "api/orders"), Json,
            "id", "ok", "price", "name", "customer.address.city", "items.1.sku", "items", "none", "nope", "customer");

        Assert.Equal(2, records.Count);
        Assert.Equal(["1", "true", "12.50", "A \"q\" é", "Lyon", "X2", """[{"sku": "X1"}, {"sku": "X2"}]""", null, null, """{"address": {"city": "Lyon"}}"""], records[0].Values);
        Assert.Equal(["2", null, null, null, null, null, null, null, null, """{"name": "B"}"""], records[1].Values);
    }

    [Fact]
    public async Task Records_at_a_dotted_path_skip_everything_beside_the_path()
    {
        const string text = """{"meta": {"items": [1,2], "next": "x"}, "data": {"count": 2, "items": [{"a": "1"}, {"a": "2"}]}, "after": [true]}""";

        var records = await Parse.AllAsync(Parse.Document(text), Json with { RecordsPath = "data.items" }, "a");

        Assert.Equal([["1"], ["2"]], records.Select(r => r.Values));
    }

    [Fact]
    public async Task Missing_records_path_is_a_data_error_naming_the_path()
    {
        var e = await Assert.ThrowsAsync<EtlDataException>(() =>
            Parse.AllAsync(Parse.Document("""{"data": {"rows": []}}""", "api/x"), Json with { RecordsPath = "data.items" }, "a"));

        Assert.Equal("api/x: no records array at path 'data.items': the path does not exist", e.Message);
    }

    [Fact]
    public async Task Records_stream_across_chunk_boundaries()
    {
        // Records far larger than one 64 KiB chunk, and many of them, so every token kind straddles a boundary somewhere.
        var sb = new StringBuilder("[");
        for (var i = 0; i < 3000; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append($$$"""{"n": {{{i}}}, "pad": "{{{new string('x', i % 97)}}}", "deep": {"v": "{{{i}}}é"}}""");
        }
        sb.Append(",{\"n\": -1, \"big\": \"").Append('y', 200_000).Append("\"}]");

        var records = await Parse.AllAsync(Parse.Document(sb.ToString()), Json, "n", "deep.v", "big");

        Assert.Equal(3001, records.Count);
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), records.Take(3000).Select(r => r.Values[0]));
        Assert.Equal("2999é", records[2999].Values[1]);
        Assert.Equal(200_000, records[3000].Values[2]!.Length);
    }

    [Fact]
    public async Task Broken_JSON_fails_with_origin_record_and_line()
    {
        const string text = "[\n {\"a\": 1},\n {\"a\": 2,,}\n]";

        var e = await Assert.ThrowsAsync<EtlDataException>(() => Parse.AllAsync(Parse.Document(text, "in/x.json"), Json, "a"));

        Assert.StartsWith("in/x.json, record 2: invalid JSON (line 3, byte ", e.Message);
        Assert.Equal(2, e.Record);
    }

    [Fact]
    public async Task Truncated_JSON_fails_with_origin_and_record()
    {
        var e = await Assert.ThrowsAsync<EtlDataException>(() => Parse.AllAsync(Parse.Document("[{\"a\": 1}, {\"a\": ", "in/x.json"), Json, "a"));

        Assert.StartsWith("in/x.json, record 2: invalid JSON", e.Message);
    }

    [Fact]
    public async Task NDJSON_bad_line_is_a_record_error_for_that_record_only()
    {
        const string text = "{\"a\": 1}\n\n{\"a\": oops}\r\n{\"a\": \"3\"}\n[1]\n{\"a\": 5}";

        var records = await Parse.AllAsync(Parse.Document(text), Json with { JsonLayout = JsonLayout.Ndjson }, "a");

        Assert.Equal(5, records.Count);
        Assert.Equal(["1", null, "3", null, "5"], records.Select(r => r.Values[0]));
        Assert.StartsWith("invalid JSON on line 3, byte ", records[1].Error);
        Assert.Equal("the record is a JSON array, not an object", records[3].Error);
        Assert.Null(records[4].Error);
    }

    [Theory]
    [InlineData("  [{\"a\": \"x\"}]", "")]
    [InlineData("{\"d\": [{\"a\": \"x\"}]}", "d")]
    [InlineData("{\"a\": \"x\"}\n", "")]
    public async Task Auto_detects_array_envelope_and_NDJSON(string text, string path)
    {
        var records = await Parse.AllAsync(Parse.Document(text), Json with { RecordsPath = path }, "a");

        Assert.Equal("x", Assert.Single(records).Values[0]);
    }

    [Fact]
    public async Task Empty_document_is_an_error_for_every_layout()
    {
        foreach (var layout in new[] { JsonLayout.Auto, JsonLayout.Ndjson, JsonLayout.Array })
        {
            foreach (var text in new[] { "", " \n\t\r\n" })
            {
                var empty = await Assert.ThrowsAsync<EtlDataException>(() => Parse.AllAsync(Parse.Document(text, "e.json"), Json with { JsonLayout = layout }, "a"));
                Assert.Equal("e.json", empty.Origin);
                Assert.Contains("the document is empty", empty.Message, StringComparison.Ordinal);
            }
        }
        var e = await Assert.ThrowsAsync<EtlDataException>(() => Parse.AllAsync(Parse.Document("", "f.json"), Json with { JsonLayout = JsonLayout.Array }, "a"));
        Assert.Equal("f.json: the document is empty: a JSON array of records was expected", e.Message);
    }

    [Fact]
    public async Task Fields_list_flattened_keys_seen_so_far()
    {
        await using var reader = await DocumentParser.OpenAsync(Parse.Document("""[{"a": 1, "c": {"d": 2}}, {"b": 3}]"""), Json, TestContext.Current.CancellationToken);
        await Parse.AllAsync(reader);

        Assert.Equal(["a", "c", "c.d", "b"], reader.Fields);
    }
}

public sealed class JsonOddTextTests
{
    [Fact]
    public async Task An_escaped_lone_surrogate_reads_as_its_literal_instead_of_failing()
    {
        var records = await Parse.AllAsync(Parse.Document("""[{"a": "x\ud800y", "b": "\ud83d\ude00"}]"""), new ParseDefinition { Format = ParseFormat.Json }, "a", "b");

        Assert.Equal(["\"x\\ud800y\"", "😀"], Assert.Single(records).Values);
    }
}

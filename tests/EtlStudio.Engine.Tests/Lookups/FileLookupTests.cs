using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Mapping.Lookups;
using Xunit;

namespace EtlStudio.Engine.Tests.Lookups;

/// <summary>Lookups read from CSV and JSON files of a temp folder through the engine's own file source and parsers.</summary>
public sealed class FileLookupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("etl-lookup-").FullName;
    private readonly RecordingLog _log = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private LookupDefinition Csv(string name = "countries", string pattern = "countries*.csv", string key = "code", int max = LookupDefinition.DefaultMaxEntries) => new()
    {
        Name = name,
        Source = new FileSourceDefinition { Location = _folder, Pattern = pattern },
        KeyField = key,
        MaxEntries = max,
    };

    [Fact]
    public async Task A_CSV_lookup_finds_each_key_and_keeps_the_values_as_written()
    {
        Write("countries.csv", "code,name,population\nNL,Netherlands,17.9\nBE,\"Belgium, Kingdom of\",11.7\nDE,Germany,\n");

        var tables = await TestLookups.LoadAsync(_log, Csv(), "name", "population");

        Assert.Equal("Netherlands", tables.Get("countries", "name", "NL"));
        Assert.Equal("Belgium, Kingdom of", tables.Get("countries", "name", "BE"));
        Assert.Equal("17.9", tables.Get("countries", "population", "NL"));
        Assert.Null(tables.Get("countries", "population", "DE"));
        var fact = Assert.Single(_log.Facts);
        Assert.StartsWith("lookup 'countries': 3 entries (2 fields) loaded from 1 file", fact, StringComparison.Ordinal);
        Assert.Matches(@" in \d+ ms$", fact);
        Assert.Empty(_log.Warnings);
    }

    [Fact]
    public async Task Keys_compare_as_exact_text_and_a_missing_or_null_key_finds_nothing()
    {
        Write("countries.csv", "code,name\nNL,Netherlands\n");

        var tables = await TestLookups.LoadAsync(_log, Csv(), "name");
        var column = tables.Column("COUNTRIES", "name");

        Assert.Equal("countries", column.Lookup);
        Assert.Equal("name", column.Field);
        Assert.True(column.TryGet("NL", out var found));
        Assert.Equal("Netherlands", found);
        foreach (var other in new[] { "nl", "NL ", " NL", "XX", "" })
        {
            Assert.False(column.TryGet(other, out var value), other);
            Assert.Null(value);
        }
        Assert.False(column.TryGet(null, out _));
    }

    [Fact]
    public async Task A_JSON_lookup_reads_nested_fields_and_keeps_numbers_as_their_literal()
    {
        Write("products.json", """
            {"items": [
              {"sku": "A-1", "info": {"name": "Anvil"}, "price": 12.50},
              {"sku": "B-2", "info": {"name": "Bolt"}, "price": 0.05, "extra": true}
            ]}
            """);
        var lookup = new LookupDefinition
        {
            Name = "products",
            Source = new FileSourceDefinition { Location = _folder, Pattern = "*.json" },
            Parse = new ParseDefinition { Format = ParseFormat.Json, RecordsPath = "items" },
            KeyField = "sku",
        };

        var tables = await TestLookups.LoadAsync(_log, lookup, "info.name", "price");

        Assert.Equal("Anvil", tables.Get("products", "info.name", "A-1"));
        Assert.Equal("12.50", tables.Get("products", "price", "A-1"));
        Assert.Equal("0.05", tables.Get("products", "price", "B-2"));
    }

    [Fact]
    public async Task An_XML_lookup_reads_child_elements_of_each_record()
    {
        Write("units.xml", "<units><unit><code>kg</code><name>kilogram</name></unit><unit><code>g</code><name>gram</name></unit></units>");
        var lookup = new LookupDefinition
        {
            Name = "units",
            Source = new FileSourceDefinition { Location = _folder, Pattern = "*.xml" },
            Parse = new ParseDefinition { Format = ParseFormat.Xml, RecordElement = "unit" },
            KeyField = "code",
        };

        var tables = await TestLookups.LoadAsync(_log, lookup, "name");

        Assert.Equal("kilogram", tables.Get("units", "name", "kg"));
        Assert.Equal("gram", tables.Get("units", "name", "g"));
    }

    [Fact]
    public async Task Every_file_the_pattern_matches_is_read()
    {
        Write("countries-eu.csv", "code,name\nNL,Netherlands\nBE,Belgium\n");
        Write("countries-us.csv", "code,name\nUS,United States\n");
        Write("other.csv", "code,name\nXX,Not read\n");

        var tables = await TestLookups.LoadAsync(_log, Csv(), "name");

        Assert.Equal("Belgium", tables.Get("countries", "name", "BE"));
        Assert.Equal("United States", tables.Get("countries", "name", "US"));
        Assert.Equal("(none)", tables.Get("countries", "name", "XX"));
        Assert.StartsWith("lookup 'countries': 3 entries (1 field) loaded from 2 files", Assert.Single(_log.Facts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_in_two_files_fails_the_load_naming_both_records()
    {
        var first = Write("countries-a.csv", "code,name\nBE,Belgium\nNL,Netherlands\n");
        var second = Write("countries-b.csv", "code,name\nUS,United States\nDE,Germany\nNL,Holland\n");

        var error = await Assert.ThrowsAsync<EtlDataException>(() => TestLookups.LoadAsync(_log, Csv(), "name"));

        Assert.Equal($"lookup 'countries': key 'NL' is in {first}, record 2 and again in {second}, record 3: a lookup needs one entry per key", error.Message);
    }

    [Fact]
    public async Task More_entries_than_the_limit_fail_the_load_naming_the_limit()
    {
        Write("countries.csv", "code,name\nNL,Netherlands\nBE,Belgium\nDE,Germany\n");

        var error = await Assert.ThrowsAsync<EtlDataException>(() => TestLookups.LoadAsync(_log, Csv(max: 2), "name"));

        Assert.StartsWith("lookup 'countries' has more than 2 entries (its limit, set per lookup): ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("countries.csv, record 3 would be entry 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exactly_the_limit_loads()
    {
        Write("countries.csv", "code,name\nNL,Netherlands\nBE,Belgium\n");

        var tables = await TestLookups.LoadAsync(_log, Csv(max: 2), "name");

        Assert.Equal("Belgium", tables.Get("countries", "name", "BE"));
    }

    [Fact]
    public async Task Records_without_a_key_are_left_out_and_counted_in_the_log()
    {
        var path = Write("countries.csv", "code,name\nNL,Netherlands\n,Nowhere\nBE,Belgium\n\"\",Empty\n");

        var tables = await TestLookups.LoadAsync(_log, Csv(), "name");

        Assert.Equal("Belgium", tables.Get("countries", "name", "BE"));
        Assert.Equal("(none)", tables.Get("countries", "name", ""));
        Assert.Equal($"lookup 'countries': 2 records with an empty key field 'code' were left out (the first: {path}, record 2)", Assert.Single(_log.Warnings));
        Assert.StartsWith("lookup 'countries': 2 entries", Assert.Single(_log.Facts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_used_field_the_CSV_header_lacks_fails_naming_file_field_and_header()
    {
        var path = Write("countries.csv", "code,name\nNL,Netherlands\n");

        var error = await Assert.ThrowsAsync<EtlDataException>(() => TestLookups.LoadAsync(_log, Csv(), "nmae"));

        Assert.Equal($"lookup 'countries': {path}: field 'nmae' is not in the source; its fields are 'code', 'name'", error.Message);
    }

    [Fact]
    public async Task A_key_field_the_CSV_header_lacks_fails()
    {
        Write("countries.csv", "iso,name\nNL,Netherlands\n");

        var error = await Assert.ThrowsAsync<EtlDataException>(() => TestLookups.LoadAsync(_log, Csv(), "name"));

        Assert.Contains("key field 'code' is not in the source", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JSON_field_that_no_record_has_fails_at_the_end_naming_the_file()
    {
        var path = Write("products.json", """[{"sku": "A-1", "name": "Anvil"}, {"sku": "B-2", "name": "Bolt"}]""");
        var lookup = new LookupDefinition
        {
            Name = "products",
            Source = new FileSourceDefinition { Location = _folder, Pattern = "*.json" },
            Parse = new ParseDefinition { Format = ParseFormat.Json },
            KeyField = "sku",
        };

        var error = await Assert.ThrowsAsync<EtlDataException>(() => TestLookups.LoadAsync(_log, lookup, "name", "colour"));

        Assert.Equal($"lookup 'products': field 'colour' in no record of {path}: check the field names", error.Message);
    }

    [Fact]
    public async Task A_damaged_record_fails_the_load_naming_file_and_record()
    {
        var path = Write("countries.csv", "code,name\nNL,Netherlands\nBE,Belgium,extra\n");

        var error = await Assert.ThrowsAsync<EtlDataException>(() => TestLookups.LoadAsync(_log, Csv(), "name"));

        Assert.Equal($"lookup 'countries': {path}, record 2: wrong field count: expected 2 fields but found 3", error.Message);
    }

    [Fact]
    public async Task A_pattern_that_matches_no_file_fails_naming_the_lookup_and_the_folder()
    {
        var error = await Assert.ThrowsAsync<EtlDataException>(() => TestLookups.LoadAsync(_log, Csv(), "name"));

        Assert.Equal($"lookup 'countries': no file matches 'countries*.csv' in '{_folder}'", error.Message);
    }

    [Fact]
    public async Task A_missing_folder_fails_naming_the_lookup()
    {
        var lookup = Csv() with { Source = new FileSourceDefinition { Location = Path.Combine(_folder, "gone"), Pattern = "*.csv" } };

        var error = await Assert.ThrowsAsync<EtlDataException>(() => TestLookups.LoadAsync(_log, lookup, "name"));

        Assert.StartsWith("lookup 'countries': folder '", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("gone' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_JSON_file_fails_naming_the_lookup_and_the_file()
    {
        var path = Write("empty.json", "");
        var lookup = Csv() with { Source = new FileSourceDefinition { Location = _folder, Pattern = "*.json" }, Parse = new ParseDefinition { Format = ParseFormat.Json } };

        var error = await Assert.ThrowsAsync<EtlDataException>(() => TestLookups.LoadAsync(_log, lookup, "name"));

        Assert.StartsWith($"lookup 'countries': {path}: the document is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_load_stops_without_wrapping_the_cancellation()
    {
        Write("countries.csv", "code,name\nNL,Netherlands\n");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LookupTables.LoadAsync([Csv()],
            new Dictionary<string, IReadOnlyCollection<string>> { ["countries"] = ["name"] },
            new EtlStudio.Engine.Sources.SourceFactory(new HttpClient()), _log, cancelled.Token));
    }
}

using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Mapping.Lookups;
using Xunit;

namespace EtlStudio.Engine.Tests.Lookups;

/// <summary>A flow's lookup definitions are checked before any is read, and only the lookups and fields that
/// expressions read are loaded.</summary>
public sealed class LookupDefinitionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("etl-lookup-def-").FullName;
    private readonly RecordingLog _log = new();

    public LookupDefinitionTests() => File.WriteAllText(Path.Combine(_folder, "countries.csv"), "code,name,region\nNL,Netherlands,EU\n");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private LookupDefinition Countries(string name = "countries", string key = "code") => new()
    {
        Name = name,
        Source = new FileSourceDefinition { Location = _folder, Pattern = "countries.csv" },
        KeyField = key,
    };

    [Fact]
    public async Task Two_lookups_whose_names_differ_only_in_case_fail_before_anything_is_read()
    {
        var gone = Countries("Countries") with { Source = new FileSourceDefinition { Location = Path.Combine(_folder, "gone") } };

        var error = await Assert.ThrowsAsync<EtlDataException>(() =>
            TestLookups.LoadAsync(_log, [Countries(), gone], ("countries", ["name"])));

        Assert.Equal("lookup 'Countries': the flow defines this name twice (names compare without regard to case)", error.Message);
    }

    [Fact]
    public async Task A_lookup_without_a_key_field_fails()
    {
        var error = await Assert.ThrowsAsync<EtlDataException>(() => TestLookups.LoadAsync(_log, Countries(key: " "), "name"));

        Assert.Equal("lookup 'countries': no key field is set", error.Message);
    }

    [Fact]
    public async Task A_limit_below_one_fails()
    {
        var error = await Assert.ThrowsAsync<EtlDataException>(() => TestLookups.LoadAsync(_log, Countries() with { MaxEntries = 0 }, "name"));

        Assert.Equal("lookup 'countries': its entry limit is 0; it must be at least 1", error.Message);
    }

    [Fact]
    public async Task A_lookup_over_HTTP_is_refused()
    {
        var lookup = Countries() with { Source = new HttpSourceDefinition { Url = new Uri("https://example.invalid/countries") } };

        var error = await Assert.ThrowsAsync<EtlDataException>(() => TestLookups.LoadAsync(_log, lookup, "name"));

        Assert.Equal("lookup 'countries': its source is HttpSourceDefinition; a lookup reads a database query or files", error.Message);
    }

    [Fact]
    public async Task An_expression_reading_an_undefined_lookup_fails_naming_the_defined_ones()
    {
        var error = await Assert.ThrowsAsync<EtlDataException>(() => TestLookups.LoadAsync(_log, [Countries()], ("regions", ["name"])));

        Assert.Equal("lookup 'regions': an expression reads it, but the flow does not define it (its lookups are 'countries')", error.Message);
    }

    [Fact]
    public async Task Names_used_in_another_case_find_the_lookup_and_its_fields()
    {
        var tables = await TestLookups.LoadAsync(_log, [Countries()], ("COUNTRIES", ["name"]), ("Countries", ["region", "name"]));

        Assert.Equal("Netherlands", tables.Get("countries", "name", "NL"));
        Assert.Equal("EU", tables.Get("CoUnTrIeS", "region", "NL"));
        Assert.StartsWith("lookup 'countries': 1 entry (2 fields)", Assert.Single(_log.Facts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lookup_no_expression_reads_is_not_loaded()
    {
        var unused = Countries("unused") with { Source = new FileSourceDefinition { Location = Path.Combine(_folder, "gone") } };

        var tables = await TestLookups.LoadAsync(_log, [Countries(), unused], ("countries", ["name"]));

        Assert.Contains("lookup 'unused': no expression reads it, so it is not loaded", _log.Facts);
        var error = Assert.Throws<EtlDataException>(() => tables.Column("unused", "name"));
        Assert.Equal("lookup 'unused': field 'name': no such lookup was loaded for this run (loaded: 'countries')", error.Message);
    }

    [Fact]
    public async Task Asking_for_a_field_that_was_not_loaded_fails_naming_lookup_and_field()
    {
        var tables = await TestLookups.LoadAsync(_log, Countries(), "name");

        var error = Assert.Throws<EtlDataException>(() => tables.Column("countries", "region"));

        Assert.Equal("lookup 'countries': field 'region' was not loaded for this run (loaded: 'name')", error.Message);
    }

    [Fact]
    public void The_empty_tables_have_no_lookup()
    {
        var error = Assert.Throws<EtlDataException>(() => LookupTables.Empty.Column("countries", "name"));

        Assert.Equal("lookup 'countries': field 'name': no such lookup was loaded for this run (loaded: none)", error.Message);
    }
}

using System.Globalization;
using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Tests.EndToEnd;
using Xunit;

namespace EtlStudio.Engine.Tests.Lookups;

/// <summary>A lookup at its default limit (1,000,000 entries of a key and one field) fits in memory that a run can
/// afford: an entry costs its two strings and a few references, not an object of its own.</summary>
[Collection(typeof(MemoryMeasuredCollection))]
public sealed class LookupMemoryTests : IDisposable
{
    private const int Entries = LookupDefinition.DefaultMaxEntries;
    /// <summary>The two strings are 40 + 48 bytes (8 and 13 characters); the index and the value array add about 40
    /// more as they grow. Well above that means entries are stored as objects, or copies are kept.</summary>
    private const long MaxBytesPerEntry = 200;

    private readonly string _folder = Directory.CreateTempSubdirectory("etl-lookup-mem-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_million_entries_of_key_and_one_field_stay_under_200_bytes_each()
    {
        await using (var writer = new StreamWriter(Path.Combine(_folder, "big.csv"), false, new UTF8Encoding(false)))
        {
            await writer.WriteLineAsync("key,value");
            for (var i = 0; i < Entries; i++)
            {
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"K{i:D7},Value {i:D7}"));
            }
        }
        var lookup = new LookupDefinition { Name = "big", Source = new FileSourceDefinition { Location = _folder, Pattern = "big.csv" }, KeyField = "key" };
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var tables = await TestLookups.LoadAsync(new RecordingLog(), lookup, "value");

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perEntry = (after - before) / Entries;
        TestContext.Current.TestOutputHelper?.WriteLine($"{Entries:N0} entries: {(after - before) / (1024 * 1024):N0} MiB retained, {perEntry} bytes per entry");
        Assert.Equal("Value 0999999", tables.Get("big", "value", "K0999999"));
        Assert.InRange(perEntry, 88, MaxBytesPerEntry);
        GC.KeepAlive(tables);
    }
}

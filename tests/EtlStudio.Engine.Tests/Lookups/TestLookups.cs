using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Mapping.Lookups;
using EtlStudio.Engine.Sources;
using Xunit;

namespace EtlStudio.Engine.Tests.Lookups;

/// <summary>Loads lookups through the real <see cref="SourceFactory"/>, with the fields used given as
/// <c>name → fields</c> pairs.</summary>
internal static class TestLookups
{
    public static Task<LookupTables> LoadAsync(RecordingLog log, IReadOnlyList<LookupDefinition> lookups, params (string Lookup, string[] Fields)[] used)
    {
        var fields = used.ToDictionary(u => u.Lookup, u => (IReadOnlyCollection<string>)u.Fields);
        return LookupTables.LoadAsync(lookups, fields, new SourceFactory(new HttpClient()), log, TestContext.Current.CancellationToken);
    }

    public static Task<LookupTables> LoadAsync(RecordingLog log, LookupDefinition lookup, params string[] fields) =>
        LoadAsync(log, [lookup], (lookup.Name, fields));

    /// <summary>The value for <paramref name="key"/>, or "(none)" when the lookup has no such key.</summary>
    public static string? Get(this LookupTables tables, string lookup, string field, string? key) =>
        tables.Column(lookup, field).TryGet(key, out var value) ? value : "(none)";
}

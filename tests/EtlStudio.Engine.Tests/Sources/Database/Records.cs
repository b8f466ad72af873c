using EtlStudio.Engine.Parsing;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Database;

/// <summary>Reads every record of a reader as field → text, binding each field once as the mapper does.</summary>
internal static class Records
{
    public static async Task<List<Dictionary<string, string?>>> ReadAllAsync(IRecordReader reader)
    {
        var handles = reader.Fields.ToDictionary(f => f, reader.Bind);
        var rows = new List<Dictionary<string, string?>>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            Assert.Equal(rows.Count + 1, reader.RecordNumber);
            Assert.Null(reader.RecordError);
            rows.Add(handles.ToDictionary(h => h.Key, h => reader.GetValue(h.Value)));
        }
        return rows;
    }
}

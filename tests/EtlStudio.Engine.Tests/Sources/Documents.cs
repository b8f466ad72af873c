using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources;

/// <summary>Reads every document of a source the way the pipeline does: one at a time, disposed before the next.</summary>
internal static class Documents
{
    public static async Task<List<(string Name, byte[] Bytes)>> ReadAllAsync(IDocumentSource source)
    {
        var all = new List<(string, byte[])>();
        await foreach (var document in source.GetDocumentsAsync(TestContext.Current.CancellationToken))
        {
            await using (document)
            {
                using var copy = new MemoryStream();
                await document.Content.CopyToAsync(copy, TestContext.Current.CancellationToken);
                all.Add((document.Name, copy.ToArray()));
            }
        }
        return all;
    }

    public static async Task<List<(string Name, string Text)>> ReadTextAsync(ISourceFactory factory, SourceDefinition source,
        ParseDefinition? parse = null) =>
        (await ReadAllAsync(factory.CreateDocumentSource(source, parse ?? new ParseDefinition())))
            .Select(d => (d.Name, Encoding.UTF8.GetString(d.Bytes)))
            .ToList();
}

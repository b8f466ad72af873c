using System.Text;
using System.Xml;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Tests.Mapping;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>Writes <see cref="SeededRows"/> as an indented XML file through <see cref="XmlWriter"/> (so escaping is
/// the writer's, not ours): one <c>row</c> element per row, values as attributes of the row, of a child, as child
/// elements and nested elements. A null cell is left out on odd rows and written empty on even ones (both load as
/// null).</summary>
internal static class SeededXml
{
    public const string RecordElement = "row";

    /// <summary>The field path of each seeded column; the text column is an attribute or an element.</summary>
    public static string[] Paths(bool textAsAttribute) =>
        [textAsAttribute ? "@s" : "s", "@i", "l", "m", "d", "flags.@b", "dt", "when.ts", "when.tso", "@g", "meta.j"];

    public static ColumnMap[] Columns(bool textAsAttribute) =>
        [.. SeededRows.Columns.Zip(Paths(textAsAttribute), (c, path) => c.Map with { SourceField = path })];

    public static async Task WriteAsync(string path, IEnumerable<object?[]> rows, bool textAsAttribute)
    {
        var settings = new XmlWriterSettings
        {
            Async = true,
            Indent = true,
            // \r survives only as a character reference, and tab and newline in attributes too: XML parsers normalise them.
            NewLineHandling = NewLineHandling.Entitize,
            Encoding = new UTF8Encoding(false),
        };
        await using var stream = File.Create(path);
        await using var xml = XmlWriter.Create(stream, settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "rows", "urn:etl:seeded");
        var n = 0;
        foreach (var row in rows)
        {
            var cells = row.Select(NastyRows.Format).ToArray();
            var empty = n++ % 2 == 0 ? "" : null;
            await xml.WriteStartElementAsync(null, RecordElement, null);
            if (textAsAttribute) await AttributeAsync(xml, "s", cells[0] ?? empty);
            await AttributeAsync(xml, "i", cells[1] ?? empty);
            await AttributeAsync(xml, "g", cells[9] ?? empty);
            if (!textAsAttribute) await ElementAsync(xml, "s", cells[0] ?? empty);
            await ElementAsync(xml, "l", cells[2] ?? empty);
            await ElementAsync(xml, "m", cells[3] ?? empty);
            await ElementAsync(xml, "d", cells[4] ?? empty);
            await xml.WriteStartElementAsync(null, "flags", null);
            await AttributeAsync(xml, "b", cells[5] ?? empty);
            await xml.WriteEndElementAsync();
            await ElementAsync(xml, "dt", cells[6] ?? empty);
            await xml.WriteStartElementAsync(null, "when", null);
            await ElementAsync(xml, "ts", cells[7] ?? empty);
            await ElementAsync(xml, "tso", cells[8] ?? empty);
            await xml.WriteEndElementAsync();
            await xml.WriteStartElementAsync(null, "meta", null);
            await ElementAsync(xml, "j", cells[10] ?? empty);
            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    private static async Task AttributeAsync(XmlWriter xml, string name, string? value)
    {
        if (value is not null) await xml.WriteAttributeStringAsync(null, name, null, value);
    }

    private static async Task ElementAsync(XmlWriter xml, string name, string? value)
    {
        if (value is not null) await xml.WriteElementStringAsync(null, name, null, value);
    }
}

using System.Text;
using System.Xml;

namespace EtlStudio.Engine.Parsing.Excel;

/// <summary>Forward reading of SpreadsheetML parts with <see cref="XmlReader"/>; elements are matched by local name,
/// so transitional and strict OOXML namespaces read alike.</summary>
internal static class ExcelXml
{
    public static XmlReader Open(Stream part) => XmlReader.Create(part, new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    });

    /// <summary>The text of a string item (<c>si</c> or <c>is</c>) the reader is on: its <c>t</c>, or the <c>t</c> of
    /// every rich text run concatenated; phonetic runs (<c>rPh</c>) are not part of the text. Leaves the reader on the
    /// item's end (or on the item itself when it is empty).</summary>
    public static string ReadStringItem(XmlReader xml, StringBuilder text)
    {
        text.Clear();
        if (xml.IsEmptyElement) return "";
        var depth = xml.Depth;
        xml.Read();
        while (!xml.EOF && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            // Skip and ReadElementContentAsString leave the reader on the next node, which the loop then looks at.
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "rPh") xml.Skip();
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t") text.Append(xml.ReadElementContentAsString());
            else xml.Read();
        }
        return text.ToString();
    }
}

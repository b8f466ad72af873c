using System.Text;
using System.Xml;

namespace EtlStudio.Engine.Parsing;

/// <summary>Writes the XML of the nodes an <see cref="XmlReader"/> passes over, while it is <see cref="Active"/>: the
/// value of a mapped element that has child elements is its inner XML, as a JSON object's value is its raw JSON.</summary>
/// <remarks>Comments and processing instructions are not kept (the reader skips them); entities come out expanded and
/// escaped again; namespace declarations of ancestors are not repeated.</remarks>
internal sealed class XmlInnerText
{
    private readonly StringBuilder _xml = new();

    public bool Active { get; private set; }
    public int Length => _xml.Length;

    public void Start()
    {
        _xml.Clear();
        Active = true;
    }

    public void Stop()
    {
        Active = false;
        _xml.Clear();
    }

    /// <summary>What was written from <paramref name="start"/> on.</summary>
    public string From(int start) => _xml.ToString(start, _xml.Length - start);

    /// <summary>The start tag of the element the reader is on, attributes included; the reader stays on the element.</summary>
    public void StartElement(XmlReader reader)
    {
        _xml.Append('<').Append(reader.Name);
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                _xml.Append(' ').Append(reader.Name).Append("=\"");
                Escape(reader.Value, attribute: true);
                _xml.Append('"');
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }
        _xml.Append(reader.IsEmptyElement ? "/>" : ">");
    }

    public void EndElement(string name) => _xml.Append("</").Append(name).Append('>');

    public void Text(string value, XmlNodeType type)
    {
        if (type == XmlNodeType.CDATA) _xml.Append("<![CDATA[").Append(value).Append("]]>");
        else Escape(value, attribute: false);
    }

    private void Escape(string value, bool attribute)
    {
        if (value.AsSpan().IndexOfAny(attribute ? "&<>\"\r\n\t" : "&<>\r") < 0)
        {
            _xml.Append(value);
            return;
        }
        foreach (var c in value)
        {
            _xml.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' when attribute => "&quot;",
                // Parsed again, a literal CR would become LF, and white space in an attribute a space.
                '\r' => "&#xD;",
                '\n' when attribute => "&#xA;",
                '\t' when attribute => "&#x9;",
                _ => null,
            } ?? c.ToString());
        }
    }
}

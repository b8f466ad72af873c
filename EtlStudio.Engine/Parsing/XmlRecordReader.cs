using System.Text;
using System.Xml;

namespace EtlStudio.Engine.Parsing;

/// <summary>Records are the elements with a given local name, streamed with <see cref="XmlReader"/>.</summary>
/// <remarks>Field paths use dots, as JSON paths do, so one mapping fits both: <c>customer.name</c> is the text of
/// <c>&lt;customer&gt;&lt;name&gt;</c> inside the record, <c>@id</c> an attribute of the record element and
/// <c>customer.@type</c> one of a child. Namespaces are ignored (local names). When a child repeats, the first wins.
/// An empty element reads as "", a missing one as null. Whitespace-only text of an element without child elements is
/// its value (as in CSV and JSON; the column's Trim decides); between child elements it is layout and is dropped.
/// A document without a root element (empty, or only a declaration) fails naming the document, not a record.
/// A mapped element that has child elements reads as its inner XML (as a JSON object reads as its raw JSON), never as
/// null. Nesting deeper than <see cref="MaxDepth"/> inside a record fails the document, as JSON does:
/// each level adds a field path as long as the levels above it, so unbounded nesting would cost memory by the square of
/// the input. Invalid UTF-8 fails the document too (see <see cref="DocumentParser"/>).</remarks>
internal sealed class XmlRecordReader : IRecordReader
{
    private readonly XmlReader _xml;
    private readonly string _recordElement;
    private readonly Dictionary<string, int> _handles = [];
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly HashSet<string> _seen = [];
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _seenLookup;
    private readonly List<string> _fields = [];
    private readonly List<int> _openTargets = [];
    private readonly List<bool> _openHasChildren = [];
    private readonly List<int> _openInnerStart = [];
    private readonly StringBuilder _text = new();
    private readonly XmlInnerText _inner = new();
    private int _innerRoot = -1;
    private bool _rootSeen;
    private string?[] _values = [];
    private char[] _path = new char[256];

    public XmlRecordReader(TextReader text, string origin, string recordElement)
    {
        Origin = origin;
        _recordElement = recordElement;
        _lookup = _handles.GetAlternateLookup<ReadOnlySpan<char>>();
        _seenLookup = _seen.GetAlternateLookup<ReadOnlySpan<char>>();
        _xml = XmlReader.Create(text, new XmlReaderSettings
        {
            Async = true,
            DtdProcessing = DtdProcessing.Prohibit,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = false,
            CloseInput = true,
        });
    }

    public string Origin { get; }
    public long RecordNumber { get; private set; }
    public IReadOnlyList<string> Fields => _fields;
    public string? RecordError => null;

    /// <summary>Deepest nesting of elements inside a record, as <see cref="System.Text.Json.JsonReaderOptions.MaxDepth"/>
    /// is by default for JSON.</summary>
    public const int MaxDepth = 64;

    public int Bind(string fieldPath)
    {
        var path = fieldPath.Replace('/', '.');
        if (!_handles.TryGetValue(path, out var handle))
        {
            handle = _handles.Count;
            _handles[path] = handle;
            Array.Resize(ref _values, _handles.Count);
        }
        return handle;
    }

    public string? GetValue(int handle) => (uint)handle < (uint)_values.Length ? _values[handle] : null;

    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            while (await _xml.ReadAsync())
            {
                if (_xml.NodeType != XmlNodeType.Element) continue;
                _rootSeen = true;
                if (_xml.LocalName == _recordElement)
                {
                    RecordNumber++;
                    Array.Clear(_values);
                    await ReadRecordAsync();
                    return true;
                }
            }
            return false;
        }
        catch (XmlException e) when (!_rootSeen)
        {
            throw new EtlDataException(
                $"the document is empty or does not start with an XML root element: invalid XML at line {e.LineNumber}, position {e.LinePosition}: {e.Message}",
                Origin, inner: e);
        }
        catch (XmlException e)
        {
            throw new EtlDataException($"invalid XML at line {e.LineNumber}, position {e.LinePosition}: {e.Message}", Origin, RecordNumber + (RecordNumber == 0 ? 1 : 0), inner: e);
        }
        catch (InvalidUtf8Exception e)
        {
            throw new EtlDataException(e.Message, Origin, RecordNumber + (RecordNumber == 0 ? 1 : 0), inner: e);
        }
    }

    private async Task ReadRecordAsync()
    {
        var pathLength = 0;
        var lengths = new Stack<int>();
        ReadAttributes(0);
        if (_xml.IsEmptyElement) return;
        var recordDepth = _xml.Depth;
        _openTargets.Clear();
        _openHasChildren.Clear();
        _openInnerStart.Clear();
        _inner.Stop();
        _innerRoot = -1;
        while (await _xml.ReadAsync())
        {
            switch (_xml.NodeType)
            {
                case XmlNodeType.Element:
                    if (_xml.Depth - recordDepth > MaxDepth) throw TooDeep();
                    EnterChild();
                    if (_inner.Active) _inner.StartElement(_xml);
                    lengths.Push(pathLength);
                    pathLength = Append(pathLength, _xml.LocalName);
                    var target = Assign(pathLength, "");
                    ReadAttributes(pathLength);
                    if (_xml.IsEmptyElement) pathLength = lengths.Pop();
                    else
                    {
                        _openTargets.Add(target);
                        _openHasChildren.Add(false);
                        _openInnerStart.Add(_inner.Active ? _inner.Length : -1);
                        _text.Clear();
                    }
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    // Text only counts in an element without child elements; a StringBuilder, as text split by comments
                    // or CDATA sections comes in many nodes.
                    var leaf = _openTargets.Count > 0 && !_openHasChildren[^1] && _openTargets[^1] >= 0;
                    if (!leaf && !_inner.Active) break;
                    var value = await _xml.GetValueAsync();
                    if (leaf) _text.Append(value);
                    if (_inner.Active) _inner.Text(value, _xml.NodeType);
                    break;
                case XmlNodeType.EndElement:
                    if (_xml.Depth == recordDepth) return;
                    var level = _openTargets.Count - 1;
                    if (_openTargets[level] is var t and >= 0) _values[t] = _openHasChildren[level] ? _inner.From(_openInnerStart[level]) : _text.ToString();
                    if (_inner.Active)
                    {
                        _inner.EndElement(_xml.Name);
                        if (level == _innerRoot)
                        {
                            _inner.Stop();
                            _innerRoot = -1;
                        }
                    }
                    _text.Clear();
                    pathLength = lengths.Pop();
                    _openTargets.RemoveAt(level);
                    _openHasChildren.RemoveAt(level);
                    _openInnerStart.RemoveAt(level);
                    break;
            }
        }
    }

    private EtlDataException TooDeep()
    {
        var line = _xml is IXmlLineInfo info ? info.LineNumber : 0;
        return new EtlDataException($"elements nested deeper than {MaxDepth} levels inside the record at line {line} (depth {MaxDepth + 1} reached)", Origin, RecordNumber);
    }

    /// <summary>A child element starts inside the open one: whitespace read so far was layout, and when the open one
    /// is mapped its value becomes its inner XML, written from here on (its text so far first).</summary>
    private void EnterChild()
    {
        if (_openTargets.Count == 0 || _openHasChildren[^1]) return;
        _openHasChildren[^1] = true;
        if (_openTargets[^1] < 0 || _inner.Active) return;
        _inner.Start();
        _innerRoot = _openTargets.Count - 1;
        _openInnerStart[^1] = 0;
        _inner.Text(_text.ToString(), XmlNodeType.Text);
    }

    private void ReadAttributes(int pathLength)
    {
        if (!_xml.MoveToFirstAttribute()) return;
        do
        {
            if (_xml.Prefix == "xmlns" || _xml.LocalName == "xmlns") continue;
            var length = Append(pathLength, "@" + _xml.LocalName);
            Assign(length, _xml.Value);
        }
        while (_xml.MoveToNextAttribute());
        _xml.MoveToElement();
    }

    private int Append(int pathLength, string name)
    {
        var needed = pathLength + 1 + name.Length;
        if (needed > _path.Length) Array.Resize(ref _path, needed * 2);
        if (pathLength > 0) _path[pathLength++] = '.';
        name.CopyTo(_path.AsSpan(pathLength));
        return pathLength + name.Length;
    }

    /// <summary>Sets the bound field at the current path unless an earlier occurrence did; returns its handle when
    /// this occurrence owns it (so text goes there), else -1.</summary>
    private int Assign(int pathLength, string value)
    {
        var path = _path.AsSpan(0, pathLength);
        if (_fields.Count < JsonRecordReader.MaxListedFields && !_seenLookup.Contains(path))
        {
            var name = path.ToString();
            _seen.Add(name);
            _fields.Add(name);
        }
        if (!_lookup.TryGetValue(path, out var handle) || _values[handle] is not null) return -1;
        _values[handle] = value;
        return handle;
    }

    public ValueTask DisposeAsync()
    {
        _xml.Dispose();
        return ValueTask.CompletedTask;
    }
}

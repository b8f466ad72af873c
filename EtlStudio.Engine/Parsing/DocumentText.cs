using System.Collections.Concurrent;
using System.Text;

namespace EtlStudio.Engine.Parsing;

/// <summary>Turns a document's bytes into UTF-8 without a byte order mark, which every reader works on.</summary>
/// <remarks>A BOM (UTF-8, UTF-16 LE/BE, UTF-32 LE) wins over the configured encoding, as
/// <see cref="Definitions.ParseDefinition.Encoding"/> promises; other encodings are transcoded while streaming.</remarks>
internal static class DocumentText
{
    static DocumentText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    // Encoding.GetEncoding asks the code-pages provider first, which reads its code page index from an embedded resource
    // on every call for a name it does not serve (UTF-8 among them): about 2 µs, once per document, so once per message
    // of a Kafka batch. Encodings are immutable, so each name is looked up once per process.
    private static readonly ConcurrentDictionary<string, Encoding> Resolved = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The encoding named in a parse definition; an unknown name is a configuration error that names it.</summary>
    public static Encoding Resolve(string name, string origin)
    {
        var key = string.IsNullOrWhiteSpace(name) ? "utf-8" : name.Trim();
        try
        {
            return Resolved.GetOrAdd(key, static k => Encoding.GetEncoding(k));
        }
        catch (ArgumentException e)
        {
            throw new EtlDataException($"unknown text encoding '{name}'", origin, inner: e);
        }
    }

    /// <summary>The document as UTF-8 without its BOM, and the BOM's length: byte offsets in messages count it, so they
    /// match the file. Only UTF-8 input is passed through as it is (and may hold invalid UTF-8 for the readers to find);
    /// other encodings are transcoded.</summary>
    public static async ValueTask<(Stream Text, int BomLength)> OpenUtf8Async(Stream content, string encodingName, string origin, CancellationToken cancellationToken)
    {
        var head = new byte[4];
        var n = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var (bomEncoding, bomLength) = DetectBom(head.AsSpan(0, n));
        var encoding = bomEncoding ?? Resolve(encodingName, origin);
        Stream stream = new PrefixedStream(head, bomLength, n - bomLength, content);
        return encoding.CodePage == Encoding.UTF8.CodePage
            ? (stream, bomLength)
            : (Encoding.CreateTranscodingStream(stream, encoding, new UTF8Encoding(false), leaveOpen: false), bomLength);
    }

    public static (Encoding? Encoding, int Length) DetectBom(ReadOnlySpan<byte> head) => head switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
        [0xFF, 0xFE, 0, 0, ..] => (Encoding.UTF32, 4),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        _ => (null, 0),
    };

    /// <summary>Drops the first <paramref name="lines"/> lines (ended by LF or CR LF) of UTF-8 text; returns the rest and
    /// how many bytes were dropped.</summary>
    public static async ValueTask<(Stream Remaining, long Skipped)> SkipLinesAsync(Stream utf8, int lines, CancellationToken cancellationToken)
    {
        if (lines <= 0) return (utf8, 0);
        var buffer = new byte[16 * 1024];
        var skipped = 0L;
        while (true)
        {
            var n = await utf8.ReadAsync(buffer, cancellationToken);
            if (n == 0) return (utf8, skipped);
            var pos = 0;
            while (lines > 0 && pos < n)
            {
                var lf = buffer.AsSpan(pos, n - pos).IndexOf((byte)'\n');
                if (lf < 0) { pos = n; break; }
                pos += lf + 1;
                lines--;
            }
            skipped += pos;
            if (lines == 0) return (new PrefixedStream(buffer, pos, n - pos, utf8), skipped);
        }
    }

    /// <summary>Reads the first line (through its LF, at most <paramref name="maxBytes"/>) to look at, and puts it back.
    /// IsEmpty when the document has no bytes at all.</summary>
    public static async ValueTask<(Stream Stream, ReadOnlyMemory<byte> Line, bool IsEmpty)> PeekLineAsync(Stream utf8, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Min(maxBytes, 4096)];
        var n = 0;
        while (n < maxBytes)
        {
            if (n == buffer.Length) Array.Resize(ref buffer, Math.Min(maxBytes, buffer.Length * 2));
            var read = await utf8.ReadAsync(buffer.AsMemory(n), cancellationToken);
            if (read == 0) break;
            var lf = buffer.AsSpan(n, read).IndexOf((byte)'\n');
            n += read;
            if (lf >= 0) break;
        }
        if (n == 0) return (utf8, ReadOnlyMemory<byte>.Empty, true);
        var end = buffer.AsSpan(0, n).IndexOf((byte)'\n');
        var line = end >= 0 ? buffer.AsMemory(0, end) : buffer.AsMemory(0, n - Utf8Check.IncompleteTail(buffer.AsSpan(0, n)));
        return (new PrefixedStream(buffer, 0, n, utf8), line, false);
    }
}

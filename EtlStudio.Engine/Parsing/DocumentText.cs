using System.Text;

namespace EtlStudio.Engine.Parsing;

/// <summary>Turns a document's bytes into UTF-8 without a byte order mark, which every reader works on.</summary>
/// <remarks>A BOM (UTF-8, UTF-16 LE/BE, UTF-32 LE) wins over the configured encoding, as
/// <see cref="Definitions.ParseDefinition.Encoding"/> promises; other encodings are transcoded while streaming.</remarks>
internal static class DocumentText
{
    static DocumentText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding named in a parse definition; an unknown name is a configuration error that names it.</summary>
    public static Encoding Resolve(string name, string origin)
    {
        try
        {
            return Encoding.GetEncoding(string.IsNullOrWhiteSpace(name) ? "utf-8" : name.Trim());
        }
        catch (ArgumentException e)
        {
            throw new EtlDataException($"unknown text encoding '{name}'", origin, inner: e);
        }
    }

    public static async ValueTask<Stream> OpenUtf8Async(Stream content, string encodingName, string origin, CancellationToken cancellationToken)
    {
        var head = new byte[4];
        var n = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var (bomEncoding, bomLength) = DetectBom(head.AsSpan(0, n));
        var encoding = bomEncoding ?? Resolve(encodingName, origin);
        Stream stream = new PrefixedStream(head, bomLength, n - bomLength, content);
        return encoding.CodePage == Encoding.UTF8.CodePage
            ? stream
            : Encoding.CreateTranscodingStream(stream, encoding, new UTF8Encoding(false), leaveOpen: false);
    }

    public static (Encoding? Encoding, int Length) DetectBom(ReadOnlySpan<byte> head) => head switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
        [0xFF, 0xFE, 0, 0, ..] => (Encoding.UTF32, 4),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        _ => (null, 0),
    };

    /// <summary>Drops the first <paramref name="lines"/> lines (ended by LF or CR LF) of UTF-8 text.</summary>
    public static async ValueTask<Stream> SkipLinesAsync(Stream utf8, int lines, CancellationToken cancellationToken)
    {
        if (lines <= 0) return utf8;
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var n = await utf8.ReadAsync(buffer, cancellationToken);
            if (n == 0) return utf8;
            var pos = 0;
            while (lines > 0 && pos < n)
            {
                var lf = buffer.AsSpan(pos, n - pos).IndexOf((byte)'\n');
                if (lf < 0) { pos = n; break; }
                pos += lf + 1;
                lines--;
            }
            if (lines == 0) return new PrefixedStream(buffer, pos, n - pos, utf8);
        }
    }

    /// <summary>Reads one byte to learn whether anything is left, and puts it back.</summary>
    public static async ValueTask<(Stream Stream, bool IsEmpty)> PeekAsync(Stream utf8, CancellationToken cancellationToken)
    {
        var first = new byte[1];
        var n = await utf8.ReadAsync(first, cancellationToken);
        return n == 0 ? (utf8, true) : (new PrefixedStream(first, 0, 1, utf8), false);
    }
}

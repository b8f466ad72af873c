using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing.Excel;
using EtlStudio.Engine.Sources;

namespace EtlStudio.Engine.Parsing;

/// <summary>Opens the record reader a <see cref="ParseDefinition"/> asks for over one document.</summary>
/// <remarks>Empty documents: CSV with a header expected and JSON in every layout (no bytes, or only white space: that
/// is not a JSON text) fail with an <see cref="EtlDataException"/> naming the file (an export that wrote nothing is a
/// failure upstream); CSV without a header yields no records; XML requires a root element.</remarks>
public static class DocumentParser
{
    /// <summary>Opens a streamed reader over <paramref name="document"/>. The reader owns the document's stream.</summary>
    /// <exception cref="EtlDataException">The document cannot be read at all (empty where content is required,
    /// unknown encoding, no records array at the path).</exception>
    public static ValueTask<IRecordReader> OpenAsync(SourceDocument document, ParseDefinition parse, CancellationToken cancellationToken) =>
        OpenAsync(document, parse, preview: false, cancellationToken);

    /// <summary>Opens a reader; a <paramref name="preview"/> reads only what a sample needs (Parquet: the first row group).</summary>
    internal static async ValueTask<IRecordReader> OpenAsync(SourceDocument document, ParseDefinition parse, bool preview, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(parse);
        switch (parse.Format)
        {
            case ParseFormat.Csv:
                return await CsvRecordReader.OpenAsync(document, parse, cancellationToken);
            case ParseFormat.Json:
                return await OpenJsonAsync(document, parse, cancellationToken);
            case ParseFormat.Xml:
                var (utf8, bomLength) = await DocumentText.OpenUtf8Async(document.Content, parse.Encoding, document.Name, cancellationToken);
                // Bad bytes fail the document rather than the record: an encoding error is a fatal well-formedness
                // error in XML (XML 1.0, 4.3.3) and XmlReader cannot go on after any error, so there is no resync point.
                var text = new StreamReader(new Utf8CheckedStream(utf8, bomLength), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
                return new XmlRecordReader(text, document.Name, parse.RecordElement);
            case ParseFormat.Excel:
                return await ExcelRecordReader.OpenAsync(document, parse, cancellationToken);
            case ParseFormat.Parquet:
                return await Parquet.ParquetRecordReader.OpenAsync(document, preview ? 1 : int.MaxValue, cancellationToken);
            default:
                throw new EtlDataException($"unsupported format {parse.Format}", document.Name);
        }
    }

    private static async ValueTask<IRecordReader> OpenJsonAsync(SourceDocument document, ParseDefinition parse, CancellationToken cancellationToken)
    {
        var (utf8, bomLength) = await DocumentText.OpenUtf8Async(document.Content, parse.Encoding, document.Name, cancellationToken);
        var buffer = new Utf8ChunkBuffer(utf8);
        var first = await FirstSignificantByteAsync(buffer, cancellationToken);
        var layout = LayoutOf(parse, first);
        if (first < 0)
        {
            buffer.Dispose();
            throw new EtlDataException(
                layout == JsonLayout.Array ? "the document is empty: a JSON array of records was expected" : "the document is empty: JSON records, one per line, were expected",
                document.Name);
        }
        return layout == JsonLayout.Array
            ? new JsonArrayRecordReader(buffer, document.Name, parse.RecordsPath.Trim(), bomLength)
            : new NdjsonRecordReader(buffer, document.Name, bomLength);
    }

    /// <summary>Whether the message value <paramref name="utf8"/> opens as one-value-per-line JSON straight from its bytes,
    /// as <see cref="OpenAsync(SourceDocument, ParseDefinition, CancellationToken)"/> would read it: JSON parsing, UTF-8
    /// (no BOM, or a UTF-8 one, whose length <paramref name="bomLength"/> says), the layout NDJSON or found to be so, and
    /// not empty. Otherwise the message goes through <see cref="OpenAsync(SourceDocument, ParseDefinition, CancellationToken)"/>,
    /// which transcodes, reads arrays and refuses empty documents.</summary>
    internal static bool IsNdjsonUtf8(byte[] utf8, ParseDefinition parse, string origin, out int bomLength)
    {
        bomLength = 0;
        if (parse.Format != ParseFormat.Json || parse.JsonLayout == JsonLayout.Array) return false;
        var (bomEncoding, length) = DocumentText.DetectBom(utf8);
        if ((bomEncoding ?? DocumentText.Resolve(parse.Encoding, origin)).CodePage != Encoding.UTF8.CodePage) return false;
        bomLength = length;
        var first = utf8.AsSpan(length).IndexOfAnyExcept(Insignificant);
        return first >= 0 && LayoutOf(parse, utf8[length + first]) == JsonLayout.Ndjson;
    }

    /// <summary>The layout a JSON document is read in, given its first significant byte (−1: none).</summary>
    private static JsonLayout LayoutOf(ParseDefinition parse, int first) =>
        parse.JsonLayout != JsonLayout.Auto ? parse.JsonLayout
        // '[' is an array of records; '{' with a records path is an envelope; anything else is one value per line.
        : first == '[' || (first == '{' && parse.RecordsPath.Length > 0) ? JsonLayout.Array : JsonLayout.Ndjson;

    /// <summary>JSON whitespace, skipped to find a document's first significant byte.</summary>
    private static ReadOnlySpan<byte> Insignificant => " \t\r\n"u8;

    private static async ValueTask<int> FirstSignificantByteAsync(Utf8ChunkBuffer buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var data = buffer.Data;
            var i = data.IndexOfAnyExcept(Insignificant);
            if (i >= 0) return data[i];
            if (buffer.IsFinal) return -1;
            await buffer.FillAsync(cancellationToken);
        }
    }
}

using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;

namespace EtlStudio.Engine.Parsing;

/// <summary>Opens the record reader a <see cref="ParseDefinition"/> asks for over one document.</summary>
/// <remarks>Empty documents: CSV with a header expected and JSON in <see cref="JsonLayout.Array"/> layout fail with
/// an <see cref="EtlDataException"/> naming the file (an export that wrote nothing is a failure upstream); CSV
/// without a header, NDJSON and <see cref="JsonLayout.Auto"/> yield no records; XML requires a root element.</remarks>
public static class DocumentParser
{
    /// <summary>Opens a streamed reader over <paramref name="document"/>. The reader owns the document's stream.</summary>
    /// <exception cref="EtlDataException">The document cannot be read at all (empty where content is required,
    /// unknown encoding, no records array at the path).</exception>
    public static async ValueTask<IRecordReader> OpenAsync(SourceDocument document, ParseDefinition parse, CancellationToken cancellationToken)
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
                var text = new StreamReader(document.Content, DocumentText.Resolve(parse.Encoding, document.Name), detectEncodingFromByteOrderMarks: true);
                return new XmlRecordReader(text, document.Name, parse.RecordElement);
            default:
                throw new EtlDataException($"unsupported format {parse.Format}", document.Name);
        }
    }

    private static async ValueTask<IRecordReader> OpenJsonAsync(SourceDocument document, ParseDefinition parse, CancellationToken cancellationToken)
    {
        var utf8 = await DocumentText.OpenUtf8Async(document.Content, parse.Encoding, document.Name, cancellationToken);
        var buffer = new Utf8ChunkBuffer(utf8);
        var first = await FirstSignificantByteAsync(buffer, cancellationToken);
        var layout = parse.JsonLayout;
        if (layout == JsonLayout.Auto)
        {
            // '[' is an array of records; '{' with a records path is an envelope; anything else is one value per line.
            layout = first == '[' || (first == '{' && parse.RecordsPath.Length > 0) ? JsonLayout.Array : JsonLayout.Ndjson;
        }
        if (layout == JsonLayout.Array && first < 0)
        {
            buffer.Dispose();
            throw new EtlDataException("the document is empty: a JSON array of records was expected", document.Name);
        }
        return layout == JsonLayout.Array
            ? new JsonArrayRecordReader(buffer, document.Name, parse.RecordsPath.Trim())
            : new NdjsonRecordReader(buffer, document.Name);
    }

    private static async ValueTask<int> FirstSignificantByteAsync(Utf8ChunkBuffer buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var data = buffer.Data;
            var i = data.IndexOfAnyExcept(" \t\r\n"u8);
            if (i >= 0) return data[i];
            if (buffer.IsFinal) return -1;
            await buffer.FillAsync(cancellationToken);
        }
    }
}

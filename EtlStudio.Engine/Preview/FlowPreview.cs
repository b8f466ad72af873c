using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Mapping;
using EtlStudio.Engine.Parsing;
using EtlStudio.Engine.Sources;

namespace EtlStudio.Engine.Preview;

/// <summary>Reads the first rows of a flow's source through the same source, parser and row mapper a run uses,
/// and reports what each stage made of them: raw lines, parsed fields and values, and mapped values with the reason
/// of every cell that does not convert. Nothing is loaded or staged.</summary>
/// <remarks>Each column is mapped on its own (by a mapper compiled for that column alone) so that a row shows every
/// bad cell, not only the first one a run would reject it for.</remarks>
public sealed class FlowPreview(ISourceFactory sources)
{
    /// <summary>Most rows a preview reads.</summary>
    public const int MaxRows = 1000;

    /// <summary>Previews the flow's real source.</summary>
    public Task<PreviewResult> RunAsync(SourceDefinition source, ParseDefinition parse, IReadOnlyList<ColumnMap> columns, int maxRows, CancellationToken cancellationToken) =>
        RunAsync(source, parse, columns, null, null, maxRows, cancellationToken);

    /// <summary>Previews the flow's real source, marking the rows the row <paramref name="filter"/> drops; the
    /// <paramref name="lookups"/> its expressions read are loaded first, as a run loads them.</summary>
    public Task<PreviewResult> RunAsync(
        SourceDefinition source, ParseDefinition parse, IReadOnlyList<ColumnMap> columns, string? filter, IReadOnlyList<LookupDefinition>? lookups,
        int maxRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source is DatabaseSourceDefinition query
            ? RunQueryAsync(query, columns, filter, lookups, maxRows, cancellationToken)
            : RunDocumentsAsync(sources.CreateDocumentSource(source, parse).GetDocumentsAsync(cancellationToken), parse, columns, filter, lookups, maxRows, cancellationToken);
    }

    /// <summary>Previews an uploaded sample document instead of the source. The document is disposed.</summary>
    public Task<PreviewResult> RunAsync(SourceDocument sample, ParseDefinition parse, IReadOnlyList<ColumnMap> columns, int maxRows, CancellationToken cancellationToken) =>
        RunAsync(sample, parse, columns, null, null, maxRows, cancellationToken);

    /// <summary>Previews an uploaded sample document, marking the rows the row <paramref name="filter"/> drops, with
    /// the <paramref name="lookups"/> its expressions read loaded first. The document is disposed.</summary>
    public Task<PreviewResult> RunAsync(
        SourceDocument sample, ParseDefinition parse, IReadOnlyList<ColumnMap> columns, string? filter, IReadOnlyList<LookupDefinition>? lookups,
        int maxRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(parse);
        return RunDocumentsAsync(sources.CreateSampleSource(sample, parse).GetDocumentsAsync(cancellationToken), parse, columns, filter, lookups, maxRows, cancellationToken);
    }

    private async Task<PreviewResult> RunDocumentsAsync(
        IAsyncEnumerable<SourceDocument> documents, ParseDefinition parse, IReadOnlyList<ColumnMap> columns, string? filter,
        IReadOnlyList<LookupDefinition>? lookups, int maxRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var collector = new PreviewCollector(columns, Math.Clamp(maxRows, 1, MaxRows), filter, lookups);
        try
        {
            await collector.LoadLookupsAsync(sources, cancellationToken);
            await foreach (var document in documents.WithCancellation(cancellationToken))
            {
                await using (document)
                {
                    // Parquet and Excel workbooks are binary and read by seeking: no raw lines to show, and a local file is
                    // read in place.
                    var capture = parse.Format is ParseFormat.Parquet or ParseFormat.Excel ? null : new SampleCaptureStream(document.Content);
                    collector.SourceOrigin ??= document.Name;
                    try
                    {
                        await using var reader = await DocumentParser.OpenAsync(capture is null ? document : document with { Content = capture }, parse, preview: true, cancellationToken);
                        await collector.ReadAsync(reader, document.Message, cancellationToken);
                    }
                    finally
                    {
                        if (capture is not null && collector.SourceLines.Count == 0) collector.SourceLines.AddRange(capture.Lines(PreviewCollector.SourceLineCount, TextEncoding(parse, document.Name)));
                    }
                }
                if (collector.Full) break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The rows read so far are worth showing next to the reason the source stopped.
            collector.Error = e.Message;
        }
        return collector.Result();
    }

    private static System.Text.Encoding TextEncoding(ParseDefinition parse, string origin)
    {
        try
        {
            return DocumentText.Resolve(parse.Encoding, origin);
        }
        catch (EtlDataException)
        {
            // The parser reports the unknown encoding; the raw lines still show as UTF-8.
            return System.Text.Encoding.UTF8;
        }
    }

    private async Task<PreviewResult> RunQueryAsync(
        DatabaseSourceDefinition query, IReadOnlyList<ColumnMap> columns, string? filter, IReadOnlyList<LookupDefinition>? lookups, int maxRows,
        CancellationToken cancellationToken)
    {
        var collector = new PreviewCollector(columns, Math.Clamp(maxRows, 1, MaxRows), filter, lookups) { SourceOrigin = "query" };
        try
        {
            await collector.LoadLookupsAsync(sources, cancellationToken);
            await using var reader = await sources.OpenQueryAsync(query with { ReadOnly = true }, cancellationToken);
            collector.SourceOrigin = reader.Origin;
            await collector.ReadAsync(reader, null, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            collector.Error = e.Message;
        }
        return collector.Result();
    }
}

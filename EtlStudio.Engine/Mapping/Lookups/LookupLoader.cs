using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;
using EtlStudio.Engine.Sources;

namespace EtlStudio.Engine.Mapping.Lookups;

/// <summary>Reads one lookup through the engine's own sources and parsers, as a run reads its flow's source: every
/// file the pattern matches, or the rows of the query.</summary>
internal static class LookupLoader
{
    /// <summary>Records between two looks at the cancellation token (the parsers look only when they need more bytes).</summary>
    private const int CancelCheckEvery = 1024;

    public static async Task<LookupTable> LoadAsync(LookupDefinition lookup, IReadOnlyList<string> fields, ISourceFactory sources,
        IRunLog? log, CancellationToken cancellationToken)
    {
        var builder = new LookupBuilder(lookup, fields);
        if (lookup.Source is DatabaseSourceDefinition query)
        {
            // A lookup only reads: a query that writes is refused (or rolled back) rather than run once per run.
            var reader = await GuardAsync(lookup, $"a query on {query.Provider}",
                () => new ValueTask<IRecordReader>(sources.OpenQueryAsync(query with { ReadOnly = true }, cancellationToken)));
            await using (reader)
            {
                await ReadAllAsync(lookup, builder, reader, cancellationToken);
            }
            return builder.Build(reader.Origin, log);
        }
        var files = (FileSourceDefinition)lookup.Source;
        var where = files switch
        {
            { Sftp: { } sftp } => $"files '{files.Pattern}' in '{files.Location}' on {sftp.Authority}",
            { BlobConnectionString: null } => $"files '{files.Pattern}' in '{files.Location}'",
            _ => $"blobs '{files.Pattern}' in container '{files.Location}'",
        };
        var documents = sources.CreateDocumentSource(files, lookup.Parse).GetDocumentsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (documents)
        {
            while (await GuardAsync(lookup, where, documents.MoveNextAsync))
            {
                await using var document = documents.Current;
                var reader = await GuardAsync(lookup, document.Name, () => DocumentParser.OpenAsync(document, lookup.Parse, cancellationToken));
                await using (reader)
                {
                    await ReadAllAsync(lookup, builder, reader, cancellationToken);
                }
            }
        }
        return builder.Build(builder.Origins == 1 ? $"1 file ({where})" : $"{builder.Origins} files ({where})", log);
    }

    private static async Task ReadAllAsync(LookupDefinition lookup, LookupBuilder builder, IRecordReader reader, CancellationToken cancellationToken)
    {
        var handles = builder.Bind(reader);
        var sinceCheck = 0;
        while (true)
        {
            bool more;
            try
            {
                more = await reader.ReadAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw Failure(lookup, reader.Origin, e);
            }
            if (!more) return;
            if (++sinceCheck == CancelCheckEvery)
            {
                sinceCheck = 0;
                cancellationToken.ThrowIfCancellationRequested();
            }
            builder.Add(reader, handles);
        }
    }

    private static async ValueTask<T> GuardAsync<T>(LookupDefinition lookup, string where, Func<ValueTask<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Failure(lookup, where, e);
        }
    }

    /// <summary>The source's own error, named after the lookup: bad data or settings stay an
    /// <see cref="EtlDataException"/> (no retry fixes them); anything else keeps its cause as the inner exception, so a
    /// caller that retries unreachable databases still sees one.</summary>
    private static Exception Failure(LookupDefinition lookup, string where, Exception e) => e is EtlDataException data
        ? new EtlDataException($"lookup '{lookup.Name}': {data.Message}", data)
        : new LookupLoadException(lookup.Name, where, e);
}

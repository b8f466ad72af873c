using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;

namespace EtlStudio.Engine.Sources;

/// <summary>Creates the source a flow reads from. Files, HTTP and messages yield documents that a parser turns into
/// records; a database query yields records directly.</summary>
public interface ISourceFactory
{
    /// <summary>Document source for <see cref="FileSourceDefinition"/>, <see cref="HttpSourceDefinition"/> and
    /// <see cref="MessageSourceDefinition"/>.</summary>
    IDocumentSource CreateDocumentSource(SourceDefinition source);

    /// <summary>Runs the query of a <see cref="DatabaseSourceDefinition"/> and returns a streamed reader over its rows.</summary>
    Task<IRecordReader> OpenQueryAsync(DatabaseSourceDefinition source, CancellationToken cancellationToken);
}

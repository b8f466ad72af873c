using System.Runtime.CompilerServices;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Parsing;
using EtlStudio.Engine.Sources;

namespace EtlStudio.Web.Tests.FlowPages;

/// <summary>The real sources, behind a gate the test can close: a closed gate holds a run at its first document until
/// the test opens it (or the run is cancelled), so "in flight" can be observed without timing.</summary>
internal sealed class GatedSources(ISourceFactory inner) : ISourceFactory
{
    private TaskCompletionSource _gate = Opened();

    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Close() => _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _gate.TrySetResult();

    public IDocumentSource CreateDocumentSource(SourceDefinition source, ParseDefinition parse) => new Gated(inner.CreateDocumentSource(source, parse), this);

    public Task<IRecordReader> OpenQueryAsync(DatabaseSourceDefinition source, CancellationToken cancellationToken) => inner.OpenQueryAsync(source, cancellationToken);

    private static TaskCompletionSource Opened()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }

    private sealed class Gated(IDocumentSource inner, GatedSources owner) : IDocumentSource
    {
        public async IAsyncEnumerable<SourceDocument> GetDocumentsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            owner.Reached.TrySetResult();
            await owner._gate.Task.WaitAsync(cancellationToken);
            await foreach (var document in inner.GetDocumentsAsync(cancellationToken)) yield return document;
        }
    }
}

using System.Runtime.CompilerServices;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Sources.Messages;

/// <summary>Yields each message value of a batch as one document named <c>topic[partition]@offset</c>, carrying its
/// message for the message-derived columns.</summary>
internal sealed class MessageDocumentSource(MessageSourceDefinition definition) : IDocumentSource
{
    public async IAsyncEnumerable<SourceDocument> GetDocumentsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var message in definition.Messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new SourceDocument(message.Origin, new MemoryStream(message.Value, writable: false)) { Message = message };
        }
        await Task.CompletedTask;
    }
}

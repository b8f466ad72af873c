using System.Diagnostics;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Ledger;
using EtlStudio.Engine.Mapping;
using EtlStudio.Engine.Parsing;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Staging;

namespace EtlStudio.Engine.Pipeline;

/// <summary>Extract, parse and map: reads every record of the flow's source, turns it into a row or a reject, and
/// fills batches. Staging, when on, gets each document's bytes as they pass. Records the load's ledger already holds
/// (<paramref name="committed"/>, a resume) are counted as skipped and neither mapped nor loaded.</summary>
internal sealed class RowProducer(
    FlowDefinition flow, FlowRunContext context, RowMapper mapper, TargetRules rules, RunValues run, RunState state,
    ISourceFactory sources, IStagingStore staging, CommittedRanges committed, RejectGate gate)
{
    private readonly bool _resuming = !committed.IsEmpty;
    private readonly RejectGate _gate = gate;
    private readonly MappedFieldCheck _fields = new(flow.Columns, state.Drift);

    public async Task ProduceAsync(BatchChannel batches, CancellationToken cancellationToken)
    {
        if (flow.Source is DatabaseSourceDefinition query)
        {
            await ProduceFromQueryAsync(query, batches, cancellationToken);
        }
        else
        {
            await ProduceFromDocumentsAsync(batches, cancellationToken);
        }
        _gate.CheckAtEnd();
        _fields.CheckAtEnd();
        await batches.FlushAsync(cancellationToken);
    }

    private async Task ProduceFromDocumentsAsync(BatchChannel batches, CancellationToken cancellationToken)
    {
        var index = 0;
        var documents = sources.CreateDocumentSource(flow.Source, flow.Parse).GetDocumentsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        var messages = new MessageReader(flow.Parse, mapper, _fields, state.Drift);
        await using (messages)
        await using (documents)
        {
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                state.Reached(RunStep.Extract, start);
                var more = await documents.MoveNextAsync();
                state.Time(RunStep.Extract, start);
                if (!more) break;
                await using var document = documents.Current;
                if (!flow.StagingEnabled && messages.TryRead(document) is { } message)
                {
                    await ReadAllAsync(message, messages.Reader!, batches, RunStep.Parse, cancellationToken);
                    messages.Judge();
                    continue;
                }
                await using var raw = flow.StagingEnabled
                    ? await staging.OpenWriteAsync(context.RunId, StagingNames.Raw(++index, document.Name), cancellationToken)
                    : null;
                var extract = new ExtractStream(document.Content, raw, state);
                await using var reader = await DocumentParser.OpenAsync(document with { Content = extract }, flow.Parse, cancellationToken);
                var bound = mapper.Bind(reader, document.Message, _fields);
                state.Drift.Judge(reader);
                await ReadAllAsync(bound, reader, batches, RunStep.Parse, cancellationToken);
                state.Drift.Judge(reader);
                await extract.DrainAsync(cancellationToken);
                if (document.RemotePath is { } path) state.FileRead(path);
            }
        }
    }

    /// <summary>One JSON reader for the message values of a batch, bound once and restarted on each message's bytes,
    /// instead of a stream, a buffer, a reader and a binding per message. A message it cannot read that way (another
    /// encoding, an array, empty) goes the general way (<see cref="DocumentParser.IsNdjsonUtf8"/>). Fields are judged
    /// when the reader has seen new ones, as a reader per message would have them judged.</summary>
    private sealed class MessageReader(ParseDefinition parse, RowMapper mapper, MappedFieldCheck fields, SchemaDrift drift) : IAsyncDisposable
    {
        private BoundRowMapper? _bound;
        private int _judged;

        public NdjsonRecordReader? Reader { get; private set; }

        /// <summary>The binding, restarted on <paramref name="document"/>'s message; null when the message goes the general way.</summary>
        public BoundRowMapper? TryRead(SourceDocument document)
        {
            if (document.Message is not { } message || !DocumentParser.IsNdjsonUtf8(message.Value, parse, document.Name, out var bom)) return null;
            if (Reader is null)
            {
                Reader = new NdjsonRecordReader(Utf8ChunkBuffer.Over(message.Value, bom), document.Name, bom);
                _bound = mapper.Bind(Reader, message, fields);
            }
            else
            {
                Reader.Restart(message.Value, bom, document.Name);
                _bound!.Rebind(message);
            }
            Judge();
            return _bound;
        }

        public void Judge()
        {
            if (Reader!.Fields.Count == _judged) return;
            _judged = Reader.Fields.Count;
            drift.Judge(Reader);
        }

        public ValueTask DisposeAsync() => Reader?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    private async Task ProduceFromQueryAsync(DatabaseSourceDefinition query, BatchChannel batches, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        state.Reached(RunStep.Extract, start);
        var reader = await sources.OpenQueryAsync(query, cancellationToken);
        state.Time(RunStep.Extract, start);
        await using var raw = flow.StagingEnabled ? await staging.OpenWriteAsync(context.RunId, StagingNames.QueryRecords, cancellationToken) : null;
        var tee = raw is null ? null : new QueryRecordTee(reader, raw);
        await using var records = (IRecordReader?)tee ?? reader;
        var bound = mapper.Bind(records);
        state.Drift.Judge(records);
        await ReadAllAsync(bound, records, batches, RunStep.Extract, cancellationToken);
        if (tee is not null) await tee.FlushAsync(cancellationToken);
    }

    /// <summary>Records between two looks at the cancellation token when nothing else looks (every row rejected, or
    /// batches larger than this).</summary>
    private const int CancelCheckEvery = 1024;

    /// <summary>The hot loop: one record at a time into the current batch row.</summary>
    private async Task ReadAllAsync(BoundRowMapper bound, IRecordReader reader, BatchChannel batches, RunStep readStep, CancellationToken cancellationToken)
    {
        var sinceCheck = 0;
        var first = true;
        // One clock reading ends a record's Map and starts the next record's read; only after a wait that is not the
        // producer's own work (a full batch waiting for the load, a reject sink) is the clock read anew.
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var more = await reader.ReadAsync(cancellationToken);
            var read = state.Time(readStep, start);
            if (!more) break;
            state.AddRead();
            if (first)
            {
                first = false;
                state.Reached(RunStep.Parse, read);
            }
            else
            {
                state.Tick(read);
            }
            if (++sinceCheck == CancelCheckEvery)
            {
                sinceCheck = 0;
                cancellationToken.ThrowIfCancellationRequested();
            }
            if (_resuming && committed.Contains(reader.Origin, reader.RecordNumber))
            {
                state.AddSkipped();
                state.SkippedFrom(reader.Origin);
                start = read;
                continue;
            }
            var row = batches.Current;
            var reject = bound.Map(row, run, out var filtered);
            if (filtered)
            {
                start = state.Time(RunStep.Map, read);
                state.AddFiltered();
                continue;
            }
            reject ??= rules.Check(row, reader.Origin, reader.RecordNumber);
            start = state.Time(RunStep.Map, read);
            if (reject is not null)
            {
                await _gate.RejectAsync(reject, cancellationToken);
                start = Stopwatch.GetTimestamp();
                continue;
            }
            var accepted = batches.AcceptAsync(reader.Origin, reader.RecordNumber, cancellationToken);
            if (!accepted.IsCompletedSuccessfully)
            {
                await accepted;
                start = Stopwatch.GetTimestamp();
            }
        }
    }
}

using System.Diagnostics;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Ledger;
using EtlStudio.Engine.Mapping;
using EtlStudio.Engine.Mapping.Lookups;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Staging;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Engine.Pipeline;

/// <summary>Runs one flow: extract → parse → map on one task, load on one or more others (<see cref="FlowDefinition.LoadParallelism"/>
/// lanes for Append), joined by a one-batch channel so that parsing and loading overlap and no step holds more than a
/// few batches.</summary>
/// <remarks>
/// <para>Outcome: a <see cref="FlowRunResult"/>, never an exception, except cancellation: when
/// <c>cancellationToken</c> fires, the run stops at the next batch hand-off or within 1024 records, whichever comes
/// first (the producer looks at the token every 1024 records, also when every row is rejected), or sooner where the
/// source's own reads honour it; <see cref="OperationCanceledException"/> propagates and what the load session had not
/// committed is rolled back. A query stopped early is cancelled on the server rather than read to its end.
/// Data problems (bad mapping, failed destination check, broken document, reject threshold) come back as an
/// <see cref="EtlDataException"/> in <see cref="FlowRunResult.Error"/>; anything else there may be transient.</para>
/// <para>Progress (<see cref="FlowRunContext.Progress"/>): Extract as each document or the query starts opening (before
/// a slow API or a long query answers), Parse at its first record, Map at most once a second while records flow
/// (at the first record after a second has passed), Load after each batch is written, and Load once more at the end.
/// Reports come from the producer's and the load lanes' threads.</para>
/// <para>Reject threshold: a count limit fails the run at the reject that crosses it; a percentage of rows read is
/// judged from 100 rows read on, and always at the end of the input before the last batch is loaded. Crossing it
/// loads nothing more (a TruncateReplace rolls back entirely) and returns a <see cref="RejectThresholdExceededException"/>.</para>
/// <para>Staging (when on): <c>raw/NNNNN-&lt;document&gt;</c> per document (<c>raw/query.ndjson</c> for a query),
/// <c>mapped.ndjson</c> or <c>mapped.parquet</c> (<see cref="StagingFormat"/>), and <c>mapped.complete</c> once mapping finished. If the load fails, mapping still runs to the
/// end so that <see cref="ReplayLoadAsync"/> can load it later; a replay refuses output without <c>mapped.complete</c>.</para>
/// <para>Loaders get each <see cref="RowBatch"/> only for the duration of <see cref="ILoadSession.WriteBatchAsync"/>:
/// the row arrays are reused for later batches.</para>
/// <para>Exactly once: a run (not a dry run) opens the destination's batch ledger first and loads only what its load
/// (<see cref="FlowRunContext.LoadId"/>) has not committed. Each batch commits its receipts with its rows, so a retry or
/// a resume of a run that failed or was killed skips the records its earlier attempts committed, and a message batch skips
/// the messages at or below each partition's committed offset. A TruncateReplace whose load already committed is refused
/// rather than replacing the table a second time.</para>
/// <para>Stateless and thread-safe: register it as a singleton.</para>
/// </remarks>
public sealed class FlowRunner(ISourceFactory sources, ILoaderFactory loaders, IStagingStore staging, ILogger<FlowRunner> logger, StagingFormat stagingFormat = StagingFormat.Ndjson)
{
    /// <summary>Runs <paramref name="flow"/>: extracts, parses, maps and loads, staging the raw extract and the mapped
    /// rows under <see cref="FlowRunContext.RunId"/> when <see cref="FlowDefinition.StagingEnabled"/>.</summary>
    public Task<FlowRunResult> RunAsync(FlowDefinition flow, FlowRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(context);
        FlowRunnerLog.RunStarted(logger, flow.Name, context.RunId);
        return ExecuteAsync(flow, context, flow.StagingEnabled, dryRun: false, Produce(context), cancellationToken);
    }

    /// <summary>Runs <paramref name="flow"/> as <see cref="RunAsync"/> does (extract, parse, map, reject threshold, load)
    /// but loads every batch into one transaction that is rolled back at the end, also for Append and Upsert, and stages
    /// nothing: the destination ends as it was, and the result says what the run would have inserted, updated, deleted
    /// and rejected. Every reject still reaches <see cref="FlowRunContext.Rejects"/>.</summary>
    /// <remarks>The rolled-back transaction holds its locks (and a replace's DELETE) until the end, like a real
    /// TruncateReplace: writers to the table wait for the dry run.</remarks>
    public async Task<DryRunResult> DryRunAsync(FlowDefinition flow, FlowRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(context);
        FlowRunnerLog.DryRunStarted(logger, flow.Name, context.RunId);
        // A dry run reads its source in a read-only transaction that is rolled back: it must not change the source either.
        var unstaged = flow with
        {
            StagingEnabled = false,
            Source = flow.Source is DatabaseSourceDefinition query ? query with { ReadOnly = true } : flow.Source,
        };
        var sample = new RejectSample(context.Rejects, DryRunResult.MaxRejects);
        var sampled = context with { Rejects = sample };
        var result = await ExecuteAsync(unstaged, sampled, staged: false, dryRun: true, Produce(sampled), cancellationToken);
        return DryRunResult.From(result, sample.Rows);
    }

    private Produce Produce(FlowRunContext context)
    {
        var loadTime = (context.LoadTime ?? DateTimeOffset.UtcNow).ToUniversalTime();
        return (flow, mapper, rules, state, committed, gate, batches, ct) =>
            new RowProducer(flow, context, mapper, rules, new RunValues(context.RunId, loadTime), state, sources, staging, committed, gate).ProduceAsync(batches, ct);
    }

    /// <summary>Loads the mapped rows that run <paramref name="stagedRunId"/> staged, without extracting again: the
    /// load step of that run, replayed into <paramref name="flow"/>'s destination. Nothing new is staged.</summary>
    public Task<FlowRunResult> ReplayLoadAsync(FlowDefinition flow, Guid stagedRunId, FlowRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(context);
        FlowRunnerLog.ReplayStarted(logger, flow.Name, context.RunId, stagedRunId);
        // Staged rows passed the destination's rules when they were mapped; a table changed since then fails the load.
        return ExecuteAsync(flow, context, staged: false, dryRun: false, (_, mapper, _, state, committed, _, batches, ct) =>
            new StagedRowReplay(flow, stagedRunId, mapper.Columns, staging, state, committed).ProduceAsync(batches, ct), cancellationToken);
    }

    /// <summary>Continues the load of a run that failed, was cancelled or was killed: loads only what the load
    /// (<see cref="FlowRunContext.LoadId"/>) has not committed, so the destination ends with every row once. The rows come
    /// from <paramref name="stagedRunId"/>'s staged mapped output when it is complete and the load committed nothing
    /// read from elsewhere (a staged row's place is its line in the staged file); otherwise the source is read again
    /// and the records the ledger's receipts cover are skipped. Nothing new is staged.</summary>
    /// <remarks>Re-reading the source assumes it still holds what the first run read (same files, same query result
    /// order): records are matched by origin and record number.</remarks>
    public Task<FlowRunResult> ResumeAsync(FlowDefinition flow, Guid stagedRunId, FlowRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(context);
        var unstaged = flow with { StagingEnabled = false };
        var fromSource = Produce(context);
        return ExecuteAsync(unstaged, context, staged: false, dryRun: false, async (resumed, mapper, rules, state, committed, gate, batches, ct) =>
        {
            var replay = new StagedRowReplay(unstaged, stagedRunId, mapper.Columns, staging, state, committed);
            if (await replay.CanResumeAsync(ct))
            {
                FlowRunnerLog.ResumingFromStaging(logger, flow.Name, context.RunId, stagedRunId);
                await replay.ProduceAsync(batches, ct);
            }
            else
            {
                FlowRunnerLog.ResumingFromSource(logger, flow.Name, context.RunId);
                await fromSource(resumed, mapper, rules, state, committed, gate, batches, ct);
            }
        }, cancellationToken);
    }

    private async Task<FlowRunResult> ExecuteAsync(
        FlowDefinition flow, FlowRunContext context, bool staged, bool dryRun, Produce produce, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var state = new RunState(context.Progress) { Drift = new SchemaDrift(flow, context.Log) };
        var gate = new RejectGate(flow, context, state);
        Exception? error = null;
        LoadLedger? ledger = null;
        var committed = CommittedRanges.None;
        try
        {
            if (flow.BatchSize < 1) throw new EtlDataException($"flow '{flow.Name}': batch size must be at least 1, not {flow.BatchSize}");
            if (flow.LoadParallelism is < 1 or > FlowDefinition.MaxLoadParallelism)
            {
                throw new EtlDataException($"flow '{flow.Name}': load parallelism must be 1 to {FlowDefinition.MaxLoadParallelism}, not {flow.LoadParallelism}");
            }
            var mapper = RowMapper.Compile(flow.Columns, flow.Name, flow.Filter, flow.Lookups);
            // Creates the table or adds columns (unmapped fields) as the flow allows; the run's columns are fixed from here.
            var mapped = flow.Columns.Count;
            flow = await state.Drift.PrepareAsync(flow, loaders.Create(flow.Destination.Provider), sources, dryRun, cancellationToken);
            if (flow.Columns.Count != mapped) mapper = RowMapper.Compile(flow.Columns, flow.Name, flow.Filter, flow.Lookups);
            if (mapper.Expressions is { Lookups.Length: > 0 } uses)
            {
                // Loaded once per run, before any row is mapped; a lookup that fails to load fails the run, naming it.
                var tables = await LookupTables.LoadAsync(flow.Lookups, uses.LookupFieldsUsed, sources, context.Log, cancellationToken);
                uses.BindLookups((lookup, field) => tables.Column(lookup, field).TryGet);
            }
            var (loader, rules) = await CheckDestinationAsync(flow, mapper.Columns, cancellationToken);
            if (!dryRun)
            {
                (flow, ledger, committed) = await OpenLedgerAsync(flow, context, loader, state, cancellationToken);
            }
            await using var stagedRows = staged ? await MappedStaging.OpenAsync(staging, context.RunId, mapper.Columns, stagingFormat, cancellationToken) : null;
            var load = new BatchLoad(flow, loader, mapper.Columns, state, stagedRows, gate, ledger, dryRun);
            // The flow as the ledger left it: a message batch without the messages its partitions already committed.
            await load.RunAsync((batches, ct) => produce(flow, mapper, rules, state, committed, gate, batches, ct), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            FlowRunnerLog.RunCancelled(logger, flow.Name, context.RunId, state.Read);
            throw;
        }
        catch (Exception e)
        {
            error = e;
            if (e is EtlDataException) FlowRunnerLog.RunRejected(logger, flow.Name, context.RunId, e.Message);
            else FlowRunnerLog.RunFailed(logger, flow.Name, context.RunId, e);
        }
        state.Report(RunStep.Load);
        if (error is null && dryRun)
        {
            FlowRunnerLog.DryRunRolledBack(logger, flow.Name, context.RunId, state.Read, state.Loaded.Inserted, state.Loaded.Updated, state.Rejected, state.Filtered);
        }
        else if (error is null)
        {
            FlowRunnerLog.RunSucceeded(logger, flow.Name, context.RunId, state.Read, state.Written, state.Rejected, state.Filtered,
                (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        // A load in one transaction (replace, message batch) that failed committed nothing, whatever its sessions counted.
        var rolledBack = error is not null && (flow.Destination.Mode == LoadMode.TruncateReplace || ledger?.IsAtomic == true);
        var loaded = rolledBack ? default : state.Loaded;
        return new FlowRunResult
        {
            Succeeded = error is null,
            RowsRead = state.Read,
            RowsWritten = rolledBack ? 0 : state.Written,
            RowsRejected = state.Rejected,
            RowsFiltered = state.Filtered,
            RowsSkipped = state.Skipped,
            // A partition (a listed share of the files, a range of a query) shares its run's load: it counts only its own
            // origins' receipts.
            RowsCommittedBefore = flow.Source is FileSourceDefinition { Files: not null } or DatabaseSourceDefinition { Range: not null }
                ? committed.RowsFrom(state.SkippedOrigins) : committed.Rows,
            RowsInserted = loaded.Inserted,
            RowsUpdated = loaded.Updated,
            RowsDeleted = loaded.Deleted,
            Steps = state.Timings(),
            StagedArtifacts = staged ? await ListStagedAsync(context.RunId, cancellationToken) : [],
            SchemaEvents = state.Drift.Events,
            SchemaStatements = state.Drift.Statements,
            Error = error,
            FilesRead = state.FilesRead,
        };
    }

    /// <summary>Opens the destination's batch ledger for the run's load and reads what it committed. A message batch
    /// drops the messages its partitions committed already and becomes one atomic load whose receipts are the partition
    /// offset ranges it holds.</summary>
    private async Task<(FlowDefinition, LoadLedger, CommittedRanges)> OpenLedgerAsync(
        FlowDefinition flow, FlowRunContext context, IDestinationLoader loader, RunState state, CancellationToken cancellationToken)
    {
        var flowKey = LedgerSource.Key(context.FlowKey ?? flow.Name, LedgerSql.MaxFlow);
        if (flow.Source is MessageSourceDefinition messages)
        {
            var stream = new LoadLedger(flowKey, MessageLoad, context.RunId) { Whole = [] };
            var done = await loader.OpenLedgerAsync(flow.Destination, stream, cancellationToken);
            var fresh = messages.Messages.Where(m => !(done.Last(LedgerSource.Partition(m.Topic, m.Partition)) is { } last && m.Offset <= last)).ToList();
            state.AddSkipped(messages.Messages.Count - fresh.Count);
            if (fresh.Count < messages.Messages.Count) FlowRunnerLog.MessagesSkipped(logger, flow.Name, context.RunId, messages.Messages.Count - fresh.Count);
            var receipts = fresh.GroupBy(m => LedgerSource.Partition(m.Topic, m.Partition), StringComparer.Ordinal)
                .Select(g => new BatchReceipt(g.Key, g.Min(m => m.Offset), g.Max(m => m.Offset), g.Count())).ToList();
            return (flow with { Source = messages with { Messages = fresh } }, stream with { Whole = receipts }, done);
        }
        var ledger = new LoadLedger(flowKey, (context.LoadId ?? context.RunId).ToString(), context.RunId);
        var committed = await loader.OpenLedgerAsync(flow.Destination, ledger, cancellationToken);
        if (!committed.IsEmpty)
        {
            if (flow.Destination.Mode == LoadMode.TruncateReplace)
            {
                throw new EtlDataException(
                    $"flow '{flow.Name}': load {ledger.Load} already replaced the rows of {flow.Destination.Table} ({committed.Rows} rows committed); " +
                    "replacing them again from the same load is refused. Run the flow anew to replace the table.", flow.Destination.Table);
            }
            FlowRunnerLog.Resuming(logger, flow.Name, context.RunId, ledger.Load, committed.Rows, committed.Receipts);
        }
        return (flow, ledger, committed);
    }

    /// <summary>The ledger's load name for message batches: one stream per flow, whose sources are the partitions.</summary>
    public const string MessageLoad = "messages";

    private async Task<(IDestinationLoader Loader, TargetRules Rules)> CheckDestinationAsync(FlowDefinition flow, IReadOnlyList<TargetColumn> columns, CancellationToken cancellationToken)
    {
        var loader = loaders.Create(flow.Destination.Provider);
        var check = await loader.CheckAsync(flow.Destination, columns, cancellationToken);
        if (!check.IsValid)
        {
            throw new EtlDataException($"flow '{flow.Name}': destination {flow.Destination.Table} does not fit the mapping: {string.Join("; ", check.Problems)}");
        }
        return (loader, check.Rules);
    }

    private async Task<IReadOnlyList<StagedArtifact>> ListStagedAsync(Guid runId, CancellationToken cancellationToken)
    {
        try
        {
            return await staging.ListAsync(runId, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Azure.RequestFailedException)
        {
            // The run's own outcome matters more than the listing; the artifacts are still there to find.
            FlowRunnerLog.RunFailed(logger, "(staging listing)", runId, e);
            return [];
        }
    }
}

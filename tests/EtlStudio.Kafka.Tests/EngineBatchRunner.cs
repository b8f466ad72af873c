using System.Collections.Concurrent;
using System.Globalization;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Ledger;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Staging;
using EtlStudio.Web.Triggers;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Kafka.Tests;

/// <summary>A batch runner on the real engine (FlowRunner: message source → JSON parse → mapping → loader), without
/// the runtime's run records: the trigger's flow comes from <c>flows</c>, its source is the batch. Its ledger key is the
/// flow id, as the runtime's and <see cref="LedgerOffsets"/>' are. Also compiled into the benchmark, so both measure
/// and test the same path, and into the crash child.</summary>
internal sealed class EngineBatchRunner : IMessageBatchRunner, IDisposable
{
    private readonly ServiceProvider _engine;
    private readonly FlowRunner _runner;
    private readonly Func<KafkaTrigger, CancellationToken, Task<FlowDefinition>> _flows;

    public EngineBatchRunner(Func<KafkaTrigger, FlowDefinition> flows)
        : this((trigger, _) => Task.FromResult(flows(trigger)))
    {
    }

    /// <param name="flows">The trigger's flow.</param>
    /// <param name="loaders">Wraps the real loaders (the benchmark leaves the ledger out with it).</param>
    public EngineBatchRunner(Func<KafkaTrigger, CancellationToken, Task<FlowDefinition>> flows, Func<ILoaderFactory, ILoaderFactory>? loaders = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddEtlSources();
        // Flows here do not stage; the store is never written.
        services.AddEtlPipeline(new StagingOptions { Folder = Path.Combine(Path.GetTempPath(), "etlkafka-staging") });
        services.AddSingleton<ILoaderFactory>(loaders?.Invoke(new LoaderFactory()) ?? new LoaderFactory());
        _engine = services.BuildServiceProvider();
        _runner = _engine.GetRequiredService<FlowRunner>();
        _flows = flows;
    }

    public async Task<MessageBatchResult> RunAsync(KafkaTrigger trigger, IReadOnlyList<SourceMessage> messages, CancellationToken cancellationToken)
    {
        var rejects = new RejectList();
        var runId = Guid.NewGuid();
        var flow = (await _flows(trigger, cancellationToken)) with { Source = new MessageSourceDefinition { Messages = messages } };
        var context = new FlowRunContext { RunId = runId, Rejects = rejects, FlowKey = trigger.FlowId.ToString(CultureInfo.InvariantCulture) };
        var result = await _runner.RunAsync(flow, context, cancellationToken);
        return new MessageBatchResult(runId, result.Succeeded, [.. rejects.Rows], result.Error);
    }

    /// <summary>What the trigger's flow committed, from its destination's ledger, as the runtime's runner reads it.</summary>
    public async Task<CommittedRanges> LoadedAsync(KafkaTrigger trigger, CancellationToken cancellationToken)
    {
        var destination = (await _flows(trigger, cancellationToken)).Destination;
        var ledger = new LoadLedger(trigger.FlowId.ToString(CultureInfo.InvariantCulture), FlowRunner.MessageLoad, Guid.Empty) { Whole = [] };
        return await _engine.GetRequiredService<ILoaderFactory>().Create(destination.Provider).OpenLedgerAsync(destination, ledger, cancellationToken);
    }

    public void Dispose() => _engine.Dispose();

    private sealed class RejectList : IRejectSink
    {
        public ConcurrentQueue<RejectedRow> Rows { get; } = new();

        public ValueTask AddAsync(RejectedRow row, CancellationToken cancellationToken)
        {
            Rows.Enqueue(row);
            return ValueTask.CompletedTask;
        }
    }
}

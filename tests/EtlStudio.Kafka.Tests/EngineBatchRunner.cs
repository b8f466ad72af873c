using System.Collections.Concurrent;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Ledger;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Staging;
using EtlStudio.Web.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Kafka.Tests;

/// <summary>A batch runner on the real engine (FlowRunner: message source → JSON parse → mapping → loader), without
/// the runtime's run records: the trigger's flow comes from <c>flows</c>, its source is the batch. Also compiled
/// into the benchmark, so both measure and test the same path.</summary>
internal sealed class EngineBatchRunner : IMessageBatchRunner, IDisposable
{
    private readonly ServiceProvider _engine;
    private readonly FlowRunner _runner;
    private readonly Func<KafkaTrigger, FlowDefinition> _flows;

    public EngineBatchRunner(Func<KafkaTrigger, FlowDefinition> flows)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddEtlSources();
        // Flows here do not stage; the store is never written.
        services.AddEtlPipeline(new StagingOptions { Folder = Path.Combine(Path.GetTempPath(), "etlkafka-staging") });
        services.AddSingleton<ILoaderFactory, LoaderFactory>();
        _engine = services.BuildServiceProvider();
        _runner = _engine.GetRequiredService<FlowRunner>();
        _flows = flows;
    }

    public async Task<MessageBatchResult> RunAsync(KafkaTrigger trigger, IReadOnlyList<SourceMessage> messages, CancellationToken cancellationToken)
    {
        var rejects = new RejectList();
        var runId = Guid.NewGuid();
        var flow = _flows(trigger) with { Source = new MessageSourceDefinition { Messages = messages } };
        var result = await _runner.RunAsync(flow, new FlowRunContext { RunId = runId, Rejects = rejects, FlowKey = Key(trigger) }, cancellationToken);
        return new MessageBatchResult(runId, result.Succeeded, [.. rejects.Rows], result.Error);
    }

    public Task<CommittedRanges> LoadedAsync(KafkaTrigger trigger, CancellationToken cancellationToken)
    {
        var destination = _flows(trigger).Destination;
        var ledger = new LoadLedger(Key(trigger), FlowRunner.MessageLoad, Guid.Empty) { Whole = [] };
        return _engine.GetRequiredService<ILoaderFactory>().Create(destination.Provider).OpenLedgerAsync(destination, ledger, cancellationToken);
    }

    /// <summary>The flow's ledger key, as the web runtime spells it: the flow id.</summary>
    private static string Key(KafkaTrigger trigger) => trigger.FlowId.ToString(System.Globalization.CultureInfo.InvariantCulture);

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

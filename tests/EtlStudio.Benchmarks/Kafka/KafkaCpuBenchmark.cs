using System.Diagnostics;
using System.Globalization;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Mapping;
using EtlStudio.Engine.Parsing;
using EtlStudio.Engine.Sources;
using EtlStudio.Kafka.Tests;

namespace EtlStudio.Benchmarks.Kafka;

/// <summary><c>kafkacpu</c>: the client CPU per message of the engine's message path without Kafka or a database, on the
/// <c>kafka</c> benchmark's messages: <c>parse</c> opens each message value as a document and reads its record,
/// <c>map</c> also binds the flow's mapping to it and maps the record into a row (what a run's producer did per message
/// before 2026-12-07, and still does for a value it cannot read straight from its bytes), <c>batch</c> reads and maps
/// them with one reader restarted on each value, as a run's producer does now. CPU time of this process; the best of
/// the runs counts.</summary>
internal sealed class KafkaCpuBenchmark : IBenchmark
{
    public string Name => "kafkacpu";

    public string Description => "client CPU per 1M messages of the engine's message path (parse, map, batch), no Kafka, no database [--messages 1000000] [--runs 5] [--stages parse,map,batch]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = 1_000_000;
        var runs = 5;
        string[] stages = ["parse", "map", "batch"];
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--messages": count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--stages": stages = args[++i].Split(','); break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }
        var padding = new string('x', Math.Max(0, 200 - OrdersTable.Message(count, 12345.67m).Length));
        var messages = Enumerable.Range(1, count)
            .Select(i => new SourceMessage("orders", i % 64, i, null, System.Text.Encoding.UTF8.GetBytes(OrdersTable.Message(i, i % 100_000 / 100m, padding)))).ToArray();
        var flow = new OrdersTable("Host=unused").Flow();
        foreach (var stage in stages)
        {
            var best = double.MaxValue;
            for (var run = 1; run <= runs; run++)
            {
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var rows = stage == "batch" ? Batch(messages, flow) : await RunStageAsync(stage == "map", messages, flow, cancellationToken);
                var seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {stage,-6} run {run}: {seconds:N3} s cpu for {rows:N0} messages, {seconds / rows * 1e6:N3} s per 1M, alloc {bytes / (double)rows:N0} B/message  load {File.ReadAllText("/proc/loadavg").Trim()}"));
                best = Math.Min(best, seconds / rows * 1e6);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage,-6} best: {best:N3} s cpu per 1M messages"));
        }
        return 0;
    }

    /// <summary>One reader and one binding for all messages, restarted on each value (RowProducer's message reader).</summary>
    private static long Batch(SourceMessage[] messages, FlowDefinition flow)
    {
        var mapper = RowMapper.Compile(flow.Columns, flow.Name);
        var row = new object?[flow.Columns.Count];
        var run = new RunValues(Guid.NewGuid(), DateTimeOffset.UtcNow);
        NdjsonRecordReader? reader = null;
        BoundRowMapper? bound = null;
        long rows = 0;
        foreach (var message in messages)
        {
            var origin = message.Origin;
            if (!DocumentParser.IsNdjsonUtf8(message.Value, flow.Parse, origin, out var bom)) throw new InvalidOperationException($"{origin} is not NDJSON");
            if (reader is null)
            {
                reader = new NdjsonRecordReader(Utf8ChunkBuffer.Over(message.Value, bom), origin, bom);
                bound = mapper.Bind(reader, message);
            }
            else
            {
                reader.Restart(message.Value, bom, origin);
                bound!.Rebind(message);
            }
            // The reader's bytes are in memory: ReadAsync completes synchronously.
            while (reader.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
            {
                if (bound.Map(row, run) is { } reject) throw new InvalidOperationException($"{reader.Origin} rejected: {reject.Reason}");
                rows++;
            }
        }
        return rows;
    }

    private static async Task<long> RunStageAsync(bool map, SourceMessage[] messages, FlowDefinition flow, CancellationToken cancellationToken)
    {
        var mapper = map ? RowMapper.Compile(flow.Columns, flow.Name) : null;
        var row = new object?[flow.Columns.Count];
        var run = new RunValues(Guid.NewGuid(), DateTimeOffset.UtcNow);
        var source = new Engine.Sources.Messages.MessageDocumentSource(new MessageSourceDefinition { Messages = messages });
        long rows = 0;
        await foreach (var document in source.GetDocumentsAsync(cancellationToken))
        {
            await using var reader = await DocumentParser.OpenAsync(document, flow.Parse, cancellationToken);
            var bound = mapper?.Bind(reader, document.Message);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (bound?.Map(row, run) is { } reject) throw new InvalidOperationException($"{reader.Origin} rejected: {reject.Reason}");
                rows++;
            }
        }
        return rows;
    }
}

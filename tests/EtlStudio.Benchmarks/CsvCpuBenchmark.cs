using System.Diagnostics;
using System.Globalization;
using EtlStudio.Benchmarks.Csv;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Mapping;
using EtlStudio.Engine.Parsing;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Staging;
using EtlStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using nietras.SeparatedValues;

namespace EtlStudio.Benchmarks;

/// <summary><c>csvcpu</c>: the client CPU per row of the CSV path without a database, stage by stage, in one process on
/// the <c>csv</c> benchmark's file: the bare CsvHelper and Sep readers (every field's span touched), the engine's CSV
/// reader, the reader plus the row mapper of the <c>csv</c> benchmark's flow, and (<c>load</c>) the whole flow run into
/// a throwaway PostgreSQL in this process (the server's CPU is not counted), through the engine's COPY encoder or, with
/// <c>ETLSTUDIO_BENCH_COPY=importer</c>, through <c>NpgsqlBinaryImporter</c>; <c>stage</c> is the NDJSON staging writer
/// alone (<c>mapped.ndjson</c> into <see cref="Stream.Null"/>) over the file's first 100,000 mapped rows, held in memory
/// (mapped in the first run) and written over and over up to <c>--rows</c>. CPU time (user + sys of this
/// process), not wall time, so a loaded machine shifts the figures little; the best of the runs counts.</summary>
internal sealed class CsvCpuBenchmark : IBenchmark
{
    public string Name => "csvcpu";

    public string Description => "client CPU per 1M rows of the CSV path by stage, no database [--rows 1000000] [--runs 5] [--file path] [--stages csvhelper,sep,reader,map,stage,load] [--batch 10000]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        long rows = 1_000_000;
        var runs = 5;
        string? file = null;
        var batch = 10_000;
        string[] stages = ["csvhelper", "sep", "reader", "map", "load"];
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows": rows = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--file": file = args[++i]; break;
                case "--stages": stages = args[++i].Split(','); break;
                case "--batch": batch = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }
        var work = file is null ? Directory.CreateTempSubdirectory("etl-csvcpu.").FullName : null;
        await using var load = stages.Contains("load") ? await FlowLoad.StartAsync(batch, cancellationToken) : null;
        try
        {
            var csv = file ?? Path.Combine(work!, "orders.csv");
            if (file is null) await BenchmarkCsvFile.WriteAsync(csv, rows, cancellationToken);
            Console.WriteLine($"file {csv}  load average before: {CsvCopyBenchmark.LoadAverage()}  runtime: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC  COPY: {(BenchmarkCopy.Importer ? "NpgsqlBinaryImporter" : "engine encoder")}");
            foreach (var stage in stages)
            {
                var best = double.MaxValue;
                long count = 0;
                for (var run = 1; run <= runs; run++)
                {
                    var allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    count = stage == "load" ? await load!.RunAsync(csv, cancellationToken) : await RunStageAsync(stage, csv, rows, cancellationToken);
                    var seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                    var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                    Console.WriteLine($"  {stage,-10} run {run}: {seconds:N3} s cpu for {count:N0} rows, {seconds / count * 1e6:N3} s per 1M rows, alloc {bytes / (double)count:N0} B/row  load {CsvCopyBenchmark.LoadAverage()}");
                    best = Math.Min(best, seconds);
                }
                Console.WriteLine($"{stage,-10} best: {best / count * 1e6:N3} s cpu per 1M rows");
            }
            return 0;
        }
        finally
        {
            if (work is not null) Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<long> RunStageAsync(string stage, string csv, long rows, CancellationToken cancellationToken) => stage switch
    {
        "csvhelper" => await CsvHelperAsync(csv, cancellationToken),
        "sep" => SepRows(csv),
        "reader" => await EngineAsync(csv, map: false, cancellationToken),
        "map" => await EngineAsync(csv, map: true, cancellationToken),
        "stage" => await StageAsync(csv, rows, cancellationToken),
        _ => throw new ArgumentException($"unknown stage '{stage}'"),
    };

    private static async Task<long> CsvHelperAsync(string csv, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(csv);
        await using var reader = CsvHelper.CsvReader.Create(stream, new CsvHelper.CsvReaderOptions { HasHeader = true, AllowLineBreaksInQuotes = true }, leaveOpen: false);
        await reader.ReadHeaderAsync(cancellationToken);
        long rows = 0, length = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var f = 0; f < reader.FieldCount; f++) length += reader.GetSpan(f).Length;
            rows++;
        }
        GC.KeepAlive(length);
        return rows;
    }

    private static long SepRows(string csv)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = false }).FromFile(csv);
        long rows = 0, length = 0;
        foreach (var row in reader)
        {
            for (var f = 0; f < row.ColCount; f++) length += row[f].Span.Length;
            rows++;
        }
        GC.KeepAlive(length);
        return rows;
    }

    /// <summary>The engine's reader as a run opens it; with <paramref name="map"/> each record is also mapped into one
    /// row buffer by the <c>csv</c> benchmark's mapping (the work of the run's producer, without batching).</summary>
    private static async Task<long> EngineAsync(string csv, bool map, CancellationToken cancellationToken)
    {
        var document = new SourceDocument(Path.GetFileName(csv), File.OpenRead(csv));
        await using var reader = await DocumentParser.OpenAsync(document, new ParseDefinition(), cancellationToken);
        var bound = map ? RowMapper.Compile(BenchmarkTables.Mapping, "csvcpu").Bind(reader) : null;
        var row = new object?[BenchmarkTables.Mapping.Count];
        var run = new RunValues(Guid.NewGuid(), DateTimeOffset.UtcNow);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (bound?.Map(row, run) is { } reject) throw new InvalidOperationException($"row {reader.RecordNumber} rejected: {reject.Reason}");
            rows++;
        }
        return rows;
    }

    private static List<object?[]>? _stagedRows;

    /// <summary>The NDJSON staging writer alone: the file's first 100,000 mapped rows (mapped once, in the first run)
    /// written over and over into <see cref="Stream.Null"/> as a run stages them, <c>--rows</c> in all.</summary>
    private static async Task<long> StageAsync(string csv, long rows, CancellationToken cancellationToken)
    {
        var mapper = RowMapper.Compile(BenchmarkTables.Mapping, "csvcpu");
        if (_stagedRows is null)
        {
            var document = new SourceDocument(Path.GetFileName(csv), File.OpenRead(csv));
            await using var reader = await DocumentParser.OpenAsync(document, new ParseDefinition(), cancellationToken);
            var bound = mapper.Bind(reader);
            var run = new RunValues(Guid.NewGuid(), DateTimeOffset.UtcNow);
            _stagedRows = [];
            while (_stagedRows.Count < 100_000 && await reader.ReadAsync(cancellationToken))
            {
                var row = new object?[BenchmarkTables.Mapping.Count];
                if (bound.Map(row, run) is { } reject) throw new InvalidOperationException($"row {reader.RecordNumber} rejected: {reject.Reason}");
                _stagedRows.Add(row);
            }
        }
        await using var writer = new MappedRowWriter(Stream.Null, mapper.Columns);
        for (long r = 0; r < rows; r++) await writer.WriteAsync(_stagedRows[(int)(r % _stagedRows.Count)], "orders.csv", r + 1, cancellationToken);
        await writer.CompleteAsync(cancellationToken);
        return rows;
    }

    /// <summary>The whole flow of the <c>csv</c> benchmark (staging off, ledger on) into a fresh table of a throwaway
    /// PostgreSQL, in this process.</summary>
    private sealed class FlowLoad(PostgresServer server, ServiceProvider services, int batch) : IAsyncDisposable
    {
        private const string Table = "orders_csvcpu";

        public static async Task<FlowLoad> StartAsync(int batch, CancellationToken cancellationToken)
        {
            var server = new PostgresServer();
            await server.InitializeAsync();
            var services = new ServiceCollection().AddLogging();
            services.AddEtlSources();
            services.AddSingleton<ILoaderFactory>(BenchmarkCopy.Loaders());
            services.AddEtlPipeline(new StagingOptions { Folder = Path.GetTempPath() });
            await BenchmarkTables.CreateAsync(server.ConnectionString, Table, cancellationToken);
            return new FlowLoad(server, services.BuildServiceProvider(), batch);
        }

        public async Task<long> RunAsync(string csv, CancellationToken cancellationToken)
        {
            await BenchmarkTables.TruncateAsync(server.ConnectionString, Table, cancellationToken);
            var runner = services.GetRequiredService<FlowRunner>();
            var flow = EngineLoad.Flow(csv, server.ConnectionString, Table, staged: false, batch);
            var result = await runner.RunAsync(flow, new FlowRunContext { RunId = Guid.NewGuid() }, cancellationToken);
            if (!result.Succeeded) throw new InvalidOperationException($"the load failed: {result.Error?.Message}");
            return result.RowsWritten;
        }

        public async ValueTask DisposeAsync()
        {
            await services.DisposeAsync();
            await server.DisposeAsync();
        }
    }
}

using EtlStudio.Benchmarks.Csv;
using EtlStudio.Testing;

namespace EtlStudio.Benchmarks.EndToEnd;

/// <summary>The flows (made once through the API) and the rounds: each round runs psql, then starts a fresh web process
/// and presses Run now for the cold load, a warm load, a warm load with staging, and the one-row pickup presses.</summary>
internal sealed class EndToEndRounds(PostgresServer server, EndToEndOptions options, string work, string csvFolder)
{
    private const string EngineTable = "orders_engine";
    private const string PsqlTable = "orders_psql";
    private const string PickupTable = "orders_pickup";
    private const string Database = "bench_e2e";
    private CpuMeter? _cpu;
    private (int Off, int On, int Pickup) _flows;

    private ConfigDatabase Config => options.Storage == "sqlite"
        ? new("Sqlite", $"Data Source={Path.Combine(work, "config", "etlstudio.db")}")
        : new("PostgreSql", server.ConnectionStringFor("etl_config"));
    private string Destination => server.ConnectionStringFor(Database);

    public async Task<EndToEndFigures> RunAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken);
        var apiKey = await ApiUser.CreateAdminKeyAsync(Config, work, cancellationToken);
        await CreateFlowsAsync(apiKey, cancellationToken);
        _cpu = CpuMeter.ForServerOnPort(server.Port);
        var figures = new EndToEndFigures();
        for (var round = 1; round <= options.Runs; round++)
        {
            figures.Psql.Add(await PsqlAsync(round, cancellationToken));
            await using var app = await WebAppProcess.StartAsync(options.WebApp, Config, work, cancellationToken);
            figures.ReadySeconds.Add(app.ReadySeconds);
            await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds), cancellationToken);
            using var api = new EtlApiClient(app.BaseAddress, apiKey, options.PollInterval);
            figures.Cold.Add(await EngineAsync(app, api, _flows.Off, "cold, staging off", round, cancellationToken));
            figures.Warm.Add(await EngineAsync(app, api, _flows.Off, "warm, staging off", round, cancellationToken));
            figures.StagingOn.Add(await EngineAsync(app, api, _flows.On, "warm, staging on ", round, cancellationToken));
            figures.PollCpu.Add(await PollCostAsync(app, api, round, cancellationToken));
            figures.PickupMedians.Add(await PickupAsync(api, round, cancellationToken));
            figures.IdleCpuShares.Add(await IdleCpuAsync(app, round, cancellationToken));
            figures.PeakRss.Add(app.PeakRssBytes());
            Console.WriteLine($"round {round} web process: ready after {app.ReadySeconds:N2} s, peak RSS {CsvCopyBenchmark.Mb(app.PeakRssBytes())}");
        }
        var difference = await BenchmarkTables.DifferenceAsync(Destination, EngineTable, PsqlTable, cancellationToken);
        Console.WriteLine($"cell check: {difference} rows differ between the engine's and psql's table");
        if (difference != 0) throw new InvalidOperationException("the engine loaded different cells than psql");
        return figures;
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(work, "config"));
        await using (var admin = new Npgsql.NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {Database}; CREATE DATABASE etl_config", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var table in new[] { EngineTable, PsqlTable, PickupTable }) await BenchmarkTables.CreateAsync(Destination, table, cancellationToken);
    }

    /// <summary>Group, folder and PostgreSQL connections, and the three flows, in a web process of their own (so that
    /// the rounds' first runs are the first work of their process).</summary>
    private async Task CreateFlowsAsync(string apiKey, CancellationToken cancellationToken)
    {
        await using var app = await WebAppProcess.StartAsync(options.WebApp, Config, work, cancellationToken);
        using var api = new EtlApiClient(app.BaseAddress, apiKey);
        var group = await api.CreateGroupAsync(cancellationToken);
        var folder = await api.CreateFolderAsync(csvFolder, cancellationToken);
        var warehouse = await api.CreatePostgresAsync(Destination, cancellationToken);
        _flows = (await api.CreateFlowAsync(group, folder, warehouse, "Orders, staging off", "orders.csv", $"public.{EngineTable}", staging: false, cancellationToken),
            await api.CreateFlowAsync(group, folder, warehouse, "Orders, staging on", "orders.csv", $"public.{EngineTable}", staging: true, cancellationToken),
            await api.CreateFlowAsync(group, folder, warehouse, "Pickup", "pickup.csv", $"public.{PickupTable}", staging: false, cancellationToken));
    }

    private async Task<LoadSample> PsqlAsync(int round, CancellationToken cancellationToken)
    {
        await BenchmarkTables.TruncateAsync(Destination, PsqlTable, cancellationToken);
        var before = await SettledCpuAsync(cancellationToken);
        var elapsed = await PsqlCopy.RunAsync(server.Port, Database, PsqlTable, Path.Combine(csvFolder, "orders.csv"), cancellationToken);
        var after = await SettledCpuAsync(cancellationToken);
        await CheckCountAsync(PsqlTable, cancellationToken);
        var sample = new LoadSample(elapsed.TotalSeconds, after.Client - before.Client, after.Server - before.Server);
        Console.WriteLine($"round {round} psql \\copy:        {sample.WallSeconds,7:N2} s  cpu client {sample.ClientCpu:N2} s + server {sample.ServerCpu:N2} s  load {CsvCopyBenchmark.LoadAverage()}");
        return sample;
    }

    private async Task<LoadSample> EngineAsync(WebAppProcess app, EtlApiClient api, int flow, string kind, int round, CancellationToken cancellationToken)
    {
        await BenchmarkTables.TruncateAsync(Destination, EngineTable, cancellationToken);
        var before = await SettledCpuAsync(cancellationToken);
        var webBefore = app.CpuSeconds();
        var timing = await api.RunAsync(flow, cancellationToken);
        var webAfter = app.CpuSeconds();
        var after = await SettledCpuAsync(cancellationToken);
        await CheckCountAsync(EngineTable, cancellationToken);
        var sample = new LoadSample(timing.WallSeconds, webAfter - webBefore, after.Server - before.Server, timing.PickupSeconds, timing.RunSeconds, timing.Polls);
        Console.WriteLine($"round {round} engine {kind}: {sample.WallSeconds,7:N2} s  (queued→started {timing.PickupSeconds * 1000:N0} ms, started→ended {timing.RunSeconds:N2} s)  " +
                          $"cpu web {sample.ClientCpu:N2} s + server {sample.ServerCpu:N2} s  {timing.Polls} polls  load {CsvCopyBenchmark.LoadAverage()}");
        _lastRun = timing.RunId;
        return sample;
    }

    private Guid _lastRun;

    /// <summary>The web process's CPU per plain run read of the last (ended) run, 20 ms apart (or <c>--poll-ms</c>):
    /// what the loads' run reads cost the web process beside the run itself.</summary>
    private async Task<double> PollCostAsync(WebAppProcess app, EtlApiClient api, int round, CancellationToken cancellationToken)
    {
        const int polls = 200;
        var before = app.CpuSeconds();
        await api.PollAsync(_lastRun, polls, options.PollInterval ?? TimeSpan.FromMilliseconds(20), cancellationToken);
        var perPoll = (app.CpuSeconds() - before) / polls;
        Console.WriteLine($"round {round} web process CPU per run read (GET /api/runs/{{id}}, {polls} reads): {perPoll * 1000:N2} ms  load {CsvCopyBenchmark.LoadAverage()}");
        return perPoll;
    }

    /// <summary>Presses Run now on the one-row flow, each time after the instance has been idle for a second, and
    /// returns the median queued→started.</summary>
    private async Task<double> PickupAsync(EtlApiClient api, int round, CancellationToken cancellationToken)
    {
        var pickups = new List<double>();
        for (var press = 0; press < options.Presses; press++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            pickups.Add((await api.RunAsync(_flows.Pickup, cancellationToken)).PickupSeconds);
        }
        var median = EndToEndFigures.Median(pickups);
        Console.WriteLine($"round {round} pickup queued→started over {pickups.Count} presses: median {median * 1000:N0} ms " +
                          $"(min {pickups.Min() * 1000:N0}, max {pickups.Max() * 1000:N0})  load {CsvCopyBenchmark.LoadAverage()}");
        return median;
    }

    /// <summary>The web process's CPU while nothing runs (its queue polls, heartbeats, schedule checks), as a share of one core.</summary>
    private async Task<double> IdleCpuAsync(WebAppProcess app, int round, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var before = app.CpuSeconds();
        await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds), cancellationToken);
        var share = (app.CpuSeconds() - before) / options.IdleSeconds;
        Console.WriteLine($"round {round} web process idle for {options.IdleSeconds:N0} s: CPU {share:P1} of one core  load {CsvCopyBenchmark.LoadAverage()}");
        return share;
    }

    /// <summary>Samples once the last load's backend has exited, so its CPU is counted.</summary>
    private async Task<(double Client, double Server)> SettledCpuAsync(CancellationToken cancellationToken)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await Task.Delay(300, cancellationToken);
        return _cpu!.Sample();
    }

    private async Task CheckCountAsync(string table, CancellationToken cancellationToken)
    {
        var count = await BenchmarkTables.CountAsync(Destination, table, cancellationToken);
        if (count != options.Rows) throw new InvalidOperationException($"{table} holds {count:N0} rows, expected {options.Rows:N0}");
    }
}

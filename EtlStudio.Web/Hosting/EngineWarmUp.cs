using System.Globalization;
using System.Text;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Web.Runs;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Hosting;

/// <summary>Once the app has started, loads a small generated CSV into a throwaway SQLite file through the real flow
/// runner (parse, convert every column type, batch, load), so the first run a user presses does not pay for compiling
/// those paths (issue #14, cold start). Off the request path; never touches user data, the configuration database or
/// staging; a failure is logged and changes nothing else. Switched off with <c>Runtime:WarmUpOnStart</c>.</summary>
internal sealed partial class EngineWarmUp(FlowRunner runner, IHostApplicationLifetime lifetime, IOptions<RuntimeOptions> options, ILogger<EngineWarmUp> logger)
    : BackgroundService
{
    private const int Rows = 5_000;
    private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True once the warm-up load succeeded, false when it failed or was switched off.</summary>
    internal Task<bool> Done => _done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUpOnStart)
        {
            _done.TrySetResult(false);
            return;
        }
        // After start-up, so migrations and the job server do not compete with it for the first seconds.
        await WhenStartedAsync(stoppingToken);
        var folder = Directory.CreateTempSubdirectory("etlstudio-warmup.").FullName;
        try
        {
            var started = TimeProvider.System.GetTimestamp();
            await File.WriteAllTextAsync(Path.Combine(folder, "warm-up.csv"), Csv(), stoppingToken);
            var result = await runner.RunAsync(Flow(folder), new FlowRunContext { RunId = Guid.NewGuid() }, stoppingToken);
            if (result.Succeeded) LogWarmedUp(logger, result.RowsWritten, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
            else LogFailed(logger, result.Error?.Message ?? "no error given");
            if (result.Succeeded && result.RowsWritten != Rows) LogFailed(logger, $"{result.RowsWritten} of {Rows} rows written, {result.RowsRejected} rejected");
            _done.TrySetResult(result.Succeeded && result.RowsWritten == Rows);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only the first user run's speed depends on it: say so and carry on.
            LogFailed(logger, e.Message);
            _done.TrySetResult(false);
        }
        finally
        {
            _done.TrySetCanceled(stoppingToken);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
    }

    private static FlowDefinition Flow(string folder) => new()
    {
        Name = "warm-up",
        Source = new FileSourceDefinition { Location = folder, Pattern = "warm-up.csv" },
        Columns =
        [
            new() { SourceField = "id", TargetColumn = "id", Type = ColumnType.Int, Required = true },
            new() { SourceField = "big", TargetColumn = "big", Type = ColumnType.Long },
            new() { SourceField = "price", TargetColumn = "price", Type = ColumnType.Decimal, Precision = 12, Scale = 4 },
            new() { SourceField = "at", TargetColumn = "at", Type = ColumnType.DateTime },
            new() { SourceField = "at_utc", TargetColumn = "at_utc", Type = ColumnType.DateTimeOffset },
            new() { SourceField = "flag", TargetColumn = "flag", Type = ColumnType.Bool },
            new() { SourceField = "name", TargetColumn = "name", Trim = false },
            new() { SourceField = "note", TargetColumn = "note" },
        ],
        Destination = new DestinationDefinition
        {
            Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(folder, "warm-up.db")};Pooling=false", Table = "warm_up",
            CreateIfMissing = true,
        },
        StagingEnabled = false,
        BatchSize = 1_000,
    };

    /// <summary>Every column type, quoted fields, empty (null) cells.</summary>
    private static string Csv()
    {
        var csv = new StringBuilder("id,big,price,at,at_utc,flag,name,note\n", Rows * 96);
        var epoch = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var c = CultureInfo.InvariantCulture;
        for (var i = 1; i <= Rows; i++)
        {
            csv.Append(c, $"{i},{i * 7_919L},{i % 997}.{i % 10_000:0000},{epoch.AddMinutes(i):yyyy-MM-dd HH:mm:ss},");
            if (i % 5 != 0) csv.Append(c, $"{epoch.AddMinutes(i):yyyy-MM-ddTHH:mm:ss.ffffff}Z");
            csv.Append(i % 2 == 0 ? ",true," : ",false,").Append(c, $"\"Name, {i}\",").Append(i % 3 == 0 ? "" : "\"a \"\"quoted\"\" note\"").Append('\n');
        }
        return csv.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine warmed up: {Rows} rows through the flow runner in {Milliseconds:N0} ms")]
    private static partial void LogWarmedUp(ILogger logger, long rows, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Engine warm-up failed (the first run will be slower): {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}

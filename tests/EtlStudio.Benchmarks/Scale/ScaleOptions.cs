using System.Globalization;
using EtlStudio.Testing;

namespace EtlStudio.Benchmarks.Scale;

/// <summary>Command line of the <c>scale</c> benchmark.</summary>
/// <param name="Only">Null for both scenarios, else <c>kafka</c> or <c>files</c>.</param>
/// <param name="KafkaSleepMs">pg_sleep per statement (one per Kafka batch) in the Kafka scenario's destination.</param>
/// <param name="FilesSleepMs">pg_sleep per statement (one per partition of files) in the file scenario's destination.</param>
/// <param name="Runs">Measured loads per scenario and instance count, after one warm-up.</param>
/// <param name="Instances">Instance counts, ascending; the first is the base of the ratios.</param>
/// <param name="Partitions">Topic partitions; divisible by every instance count × <paramref name="PerInstance"/> keeps consumers evenly loaded.</param>
/// <param name="MessagesPerPartition">Messages produced into each partition.</param>
/// <param name="Batch">Trigger batch size (messages).</param>
/// <param name="Files">CSV files of the partitioned flow.</param>
/// <param name="RowsPerFile">Rows per file.</param>
/// <param name="InFlight">The flow's partitions in flight (cluster-wide).</param>
/// <param name="PerInstance">What one instance runs at once: the trigger's consumers per instance and <c>Hangfire:WorkerCount</c>.</param>
/// <param name="WebApp">The web app's dll.</param>
/// <param name="Keep">Keep the work folder.</param>
internal sealed record ScaleOptions(string? Only, int KafkaSleepMs, int FilesSleepMs, int Runs, int[] Instances, int Partitions, int MessagesPerPartition, int Batch,
    int Files, int RowsPerFile, int InFlight, int PerInstance, string WebApp, bool Keep)
{
    public const string Usage = "scale [--only kafka|files] [--sleep-ms N (both)] [--kafka-sleep-ms 1000] [--files-sleep-ms 3000] [--runs 3] [--instances 1,2,3] " +
                                "[--partitions 24] [--messages-per-partition 2000] [--batch 500] [--files 240] [--rows-per-file 200] [--in-flight 12] [--per-instance 4] [--web dll] [--keep]";

    public bool Kafka => Only is null or "kafka";

    public bool FileFlow => Only is null or "files";

    public static ScaleOptions Parse(IReadOnlyList<string> args)
    {
        var o = new ScaleOptions(null, 1000, 3000, 3, [1, 2, 3], 24, 2000, 500, 240, 200, 12, 4, RepoPaths.WebApp, false);
        static int Int(string text) => int.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        for (var i = 0; i < args.Count; i++)
        {
            o = args[i] switch
            {
                "--only" => o with { Only = args[++i] is "kafka" or "files" ? args[i] : throw new ArgumentException($"--only takes kafka or files, not '{args[i]}'") },
                "--sleep-ms" => o with { KafkaSleepMs = Int(args[++i]), FilesSleepMs = Int(args[i]) },
                "--kafka-sleep-ms" => o with { KafkaSleepMs = Int(args[++i]) },
                "--files-sleep-ms" => o with { FilesSleepMs = Int(args[++i]) },
                "--runs" => o with { Runs = Int(args[++i]) },
                "--instances" => o with { Instances = [.. args[++i].Split(',').Select(Int).Order()] },
                "--partitions" => o with { Partitions = Int(args[++i]) },
                "--messages-per-partition" => o with { MessagesPerPartition = Int(args[++i]) },
                "--batch" => o with { Batch = Int(args[++i]) },
                "--files" => o with { Files = Int(args[++i]) },
                "--rows-per-file" => o with { RowsPerFile = Int(args[++i]) },
                "--in-flight" => o with { InFlight = Int(args[++i]) },
                "--per-instance" => o with { PerInstance = Int(args[++i]) },
                "--web" => o with { WebApp = Path.GetFullPath(args[++i]) },
                "--keep" => o with { Keep = true },
                _ => throw new ArgumentException($"unknown option '{args[i]}' ({Usage})"),
            };
        }
        int[] counts = [o.KafkaSleepMs + 1, o.FilesSleepMs + 1, o.Runs, o.Partitions, o.MessagesPerPartition, o.Batch, o.Files, o.RowsPerFile, o.InFlight, o.PerInstance, .. o.Instances];
        if (counts.Any(c => c < 1) || o.Instances.Length == 0) throw new ArgumentException("every count must be positive (sleeps may be 0)");
        return o;
    }
}

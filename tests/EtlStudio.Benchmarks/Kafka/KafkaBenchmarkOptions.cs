using System.Globalization;

namespace EtlStudio.Benchmarks.Kafka;

/// <summary>Command line of <c>kafka</c>: <c>--messages N --batch N --window MS --partitions N --flow-batch N --bytes N
/// --engine 0|1 --recording 0|1 --parallel N --warmup N</c>.</summary>
internal sealed record KafkaBenchmarkOptions
{
    public int Messages { get; init; } = 1_000_000;
    /// <summary>Trigger batch size: messages per run.</summary>
    public int Batch { get; init; } = 20_000;
    /// <summary>Trigger batch window.</summary>
    public int WindowMs { get; init; } = 1_000;
    /// <summary>The mock broker keeps about 5 MB per partition and drops older messages: 1,000,000 messages of
    /// 200 bytes need at least 45 partitions to all be there when the consumer starts.</summary>
    public int Partitions { get; init; } = 64;
    /// <summary>Rows per load transaction inside a run (engine batch size), with <c>--recording 0</c> only: the app's
    /// runner uses the flow's own.</summary>
    public int FlowBatch { get; init; } = 10_000;
    /// <summary>0: batches are acknowledged without running the engine, to see the Kafka side's own cost.</summary>
    public int Engine { get; init; } = 1;
    /// <summary>0: the engine loads each batch (with its ledger) but no run is recorded in the configuration database, to see
    /// what the app's run recording costs; 1: the app's own message batch runner.</summary>
    public int Recording { get; init; } = 1;
    /// <summary>Messages loaded before the sustained rate and the CPU are measured (default a tenth).</summary>
    public int WarmUp { get; init; } = -1;
    /// <summary>Approximate message size in bytes.</summary>
    public int MessageBytes { get; init; } = 200;
    /// <summary>The trigger's MaxParallelPartitions: batches of different partitions loaded at once.</summary>
    public int Parallel { get; init; } = 4;

    public static KafkaBenchmarkOptions Parse(string[] args)
    {
        var options = new KafkaBenchmarkOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--messages" => options with { Messages = value },
                "--batch" => options with { Batch = value },
                "--window" => options with { WindowMs = value },
                "--partitions" => options with { Partitions = value },
                "--flow-batch" => options with { FlowBatch = value },
                "--bytes" => options with { MessageBytes = value },
                "--engine" => options with { Engine = value },
                "--parallel" => options with { Parallel = value },
                "--recording" => options with { Recording = value },
                "--warmup" => options with { WarmUp = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return options.WarmUp < 0 ? options with { WarmUp = options.Messages / 10 } : options;
    }
}

using EtlStudio.Engine.Loading;
using Microsoft.Extensions.Logging.Abstractions;

namespace EtlStudio.Benchmarks.Csv;

/// <summary><c>ETLSTUDIO_BENCH_COPY=importer</c> sends PostgreSQL loads through <c>NpgsqlBinaryImporter</c> instead of
/// the engine's own COPY encoder, so one build measures both (issue #14). Never for real loads.</summary>
internal static class BenchmarkCopy
{
    public const string Switch = "ETLSTUDIO_BENCH_COPY";

    public static bool Importer => string.Equals(Environment.GetEnvironmentVariable(Switch), "importer", StringComparison.OrdinalIgnoreCase);

    /// <summary>The loaders this run measures.</summary>
    public static LoaderFactory Loaders() => new(NullLoggerFactory.Instance, postgresRawCopy: !Importer);
}

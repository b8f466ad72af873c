using EtlStudio.Benchmarks.EndToEnd;

namespace EtlStudio.Benchmarks.Scale;

/// <summary>A flow the <c>scale</c> benchmark loads with 1, 2, 3… instances.</summary>
internal interface IScaleScenario
{
    string Name { get; }

    /// <summary>What the wall time of a sample spans, for the report.</summary>
    string Measures { get; }

    /// <summary>Creates the destination table, its source data and its flow (once, through the first cluster's API).</summary>
    Task PrepareAsync(EtlApiClient api, ScaleSetup setup, CancellationToken cancellationToken);

    /// <summary>A small load on this cluster so every instance has compiled the path before it is measured.</summary>
    Task WarmUpAsync(ScaleCluster cluster, EtlApiClient api, CancellationToken cancellationToken);

    /// <summary>One full load, checked (row count, no duplicate key); throws when the check fails.</summary>
    Task<ScaleSample> MeasureAsync(ScaleCluster cluster, EtlApiClient api, string label, CancellationToken cancellationToken);
}

namespace EtlStudio.Engine.Staging;

/// <summary>A staged file of a run.</summary>
/// <param name="Name">Name within the run, e.g. <c>raw/orders.csv</c> or <c>mapped.ndjson</c>.</param>
/// <param name="Location">Where it lives: a local path or a blob URI.</param>
/// <param name="Length">Bytes.</param>
public sealed record StagedArtifact(string Name, string Location, long Length);

namespace EtlStudio.Engine.Mapping;

/// <summary>Run metadata that derived columns take their values from.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="LoadTime">When the run started loading (UTC).</param>
internal readonly record struct RunValues(Guid RunId, DateTimeOffset LoadTime);

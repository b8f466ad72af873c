namespace EtlStudio.Engine;

/// <summary>Timing of one step. Steps overlap: rows stream through all of them.</summary>
/// <param name="Step">Step.</param>
/// <param name="Started">When its first work began.</param>
/// <param name="Duration">Time spent in it.</param>
public sealed record StepTiming(RunStep Step, DateTimeOffset Started, TimeSpan Duration);

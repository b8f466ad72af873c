using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Api;

/// <summary>A step of a run; the detail lists them in pipeline order (Extract, Parse, Map, Load). A duration of 0 ms
/// means under one millisecond.</summary>
internal sealed record RunStepDto(string Name, RunStatus Status, DateTime StartedUtc, DateTime? EndedUtc, long DurationMs, string? Error);

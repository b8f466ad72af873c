namespace EtlStudio.Web.Api;

/// <summary>Time spent in one step of the dry run.</summary>
internal sealed record DryRunStep(string Name, DateTimeOffset Started, long DurationMs);

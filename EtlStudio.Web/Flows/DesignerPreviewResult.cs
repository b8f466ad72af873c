using EtlStudio.Engine.Preview;

namespace EtlStudio.Web.Flows;

/// <summary>A preview as the designer shows it: the engine's result, or why there is none, and the server time it took.</summary>
public sealed record DesignerPreviewResult(PreviewResult? Result, string? Problem, TimeSpan Elapsed);

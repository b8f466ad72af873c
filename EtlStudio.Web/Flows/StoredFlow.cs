using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Flows;

/// <summary>A stored flow as the runtime needs it: the engine definition plus what the engine does not know.</summary>
/// <param name="CursorColumn">Mapped column whose largest loaded value becomes the flow's cursor; null when not incremental.</param>
internal sealed record StoredFlow(Flow Flow, FlowDefinition Definition, string? CursorColumn);

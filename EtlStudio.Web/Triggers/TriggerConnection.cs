using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Triggers;

/// <summary>The connection a trigger names, as its validation needs it.</summary>
internal sealed record TriggerConnection(string Name, ConnectionKind Kind);

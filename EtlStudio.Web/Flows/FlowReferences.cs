using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Flows;

/// <summary>What the ids of a <see cref="FlowForm"/> point at, looked up by the caller.</summary>
/// <param name="GroupExists">The group id names an existing group.</param>
/// <param name="SourceKind">Kind of the source connection; null when none is chosen or the id is unknown.</param>
/// <param name="DestinationKind">Kind of the destination connection; null when none is chosen or the id is unknown.</param>
/// <param name="LookupKinds">Kinds of the connections the lookups name, by id (an id missing here is unknown).</param>
public sealed record FlowReferences(bool GroupExists, ConnectionKind? SourceKind, ConnectionKind? DestinationKind,
    IReadOnlyDictionary<int, ConnectionKind>? LookupKinds = null);

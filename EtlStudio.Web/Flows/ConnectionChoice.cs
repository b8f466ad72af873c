using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Flows;

/// <summary>A connection as the designer's pickers show it.</summary>
public sealed record ConnectionChoice(int Id, string Name, ConnectionKind Kind);

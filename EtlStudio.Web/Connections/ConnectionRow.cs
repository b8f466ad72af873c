using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Connections;

/// <summary>A connection as the Connections page lists it: where it points (never its secret) and how many flows use it.</summary>
internal sealed record ConnectionRow(int Id, string Name, ConnectionKind Kind, string Where, bool HasSecret, int Flows);

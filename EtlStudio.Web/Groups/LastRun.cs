using EtlStudio.Data.Entities;

namespace EtlStudio.Web.Groups;

/// <summary>A flow's most recent run; <paramref name="AtUtc"/> is when it ended, started or was queued, the latest known.</summary>
public sealed record LastRun(Guid Id, RunStatus Status, DateTime AtUtc);

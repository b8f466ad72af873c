using EtlStudio.Data.Entities;
using EtlStudio.Engine;

namespace EtlStudio.Web.Runs;

/// <summary>How a run ended.</summary>
internal sealed record RunOutcome(RunStatus Status, FlowRunResult? Result, string? Error, string? Note = null);

using EtlStudio.Data.Entities;
using EtlStudio.Engine;

namespace EtlStudio.Web.Runs;

/// <summary>What a claimed run ended with (the Kafka service needs the rejects to dead-letter them).</summary>
internal sealed record RunEnd(RunStatus Status, IReadOnlyList<RejectedRow> Rejected, Exception? Error);

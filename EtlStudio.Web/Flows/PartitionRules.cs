using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Flows;

/// <summary>Which flows may run as partitions (<see cref="FlowForm.PartitionsInFlight"/>), in the words the designer,
/// the API and the importer all show.</summary>
public static class PartitionRules
{
    /// <summary>Most partitions of one run in flight.</summary>
    public const int MaxInFlight = 64;

    /// <summary>Why the setting cannot be saved, or null.</summary>
    public static string? Problem(int inFlight, ConnectionKind? sourceKind, LoadMode mode)
    {
        if (inFlight is < 0 or > MaxInFlight) return $"Between 0 and {MaxInFlight} partitions in flight (0 or 1: not partitioned); {inFlight} is out of range.";
        if (inFlight <= 1) return null;
        if (sourceKind is { } kind && !FlowSourceRules.IsFiles(kind)) return "Only a file source (folder, blob container, SFTP) can run as partitions.";
        // Each partition commits on its own: a replace split in pieces would empty the table once per piece, or leave it
        // half replaced when one fails. Refused rather than emulated (no staging table + swap).
        if (mode == LoadMode.TruncateReplace) return "A TruncateReplace cannot run as partitions (each partition commits on its own, so the table would not be replaced atomically): use Append or Upsert, or set 0.";
        return null;
    }
}

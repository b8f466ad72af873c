using EtlStudio.Data.Configurations;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources.Database;

namespace EtlStudio.Web.Flows;

/// <summary>Which flows may run as partitions (<see cref="FlowForm.PartitionsInFlight"/>; for a query source its
/// <see cref="FlowForm.PartitionColumn"/>), in the words the designer, the API and the importer all show.</summary>
public static class PartitionRules
{
    /// <summary>Most partitions of one run in flight.</summary>
    public const int MaxInFlight = 64;

    // Each partition commits on its own: a replace split in pieces would empty the table once per piece, or leave it
    // half replaced when one fails. Refused rather than emulated (no staging table + swap).
    private const string NoReplace = "A TruncateReplace cannot run as partitions (each partition commits on its own, so the table would not be replaced atomically): use Append or Upsert";

    /// <summary>Why the in-flight setting cannot be saved, or null. <paramref name="queryPartitioned"/>: the flow's query
    /// names a partition column.</summary>
    public static string? Problem(int inFlight, ConnectionKind? sourceKind, LoadMode mode, bool queryPartitioned = false)
    {
        if (inFlight is < 0 or > MaxInFlight) return $"Between 0 and {MaxInFlight} partitions in flight (0 or 1: not partitioned); {inFlight} is out of range.";
        if (inFlight <= 1) return null;
        if (sourceKind is { } kind && !FlowSourceRules.IsFiles(kind) && !(queryPartitioned && FlowSourceRules.IsDatabase(kind)))
        {
            return FlowSourceRules.IsDatabase(kind)
                ? "Only a file source, or a query with a partition column, can run as partitions: set the partition column (Source), or set 0."
                : "Only a file source (folder, blob container, SFTP) or a query with a partition column can run as partitions.";
        }
        if (mode == LoadMode.TruncateReplace) return $"{NoReplace}, or set 0.";
        return null;
    }

    /// <summary>The problems of a query's partition settings (column, bounds, count), keyed by field.</summary>
    public static void ValidateQuery(FlowForm form, ConnectionKind? sourceKind, Dictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        var column = form.PartitionColumn?.Trim() ?? "";
        var lower = form.PartitionLowerBound?.Trim() ?? "";
        var upper = form.PartitionUpperBound?.Trim() ?? "";
        if (column.Length == 0)
        {
            if (lower.Length > 0 || upper.Length > 0 || form.PartitionCount != 0)
            {
                errors[nameof(FlowForm.PartitionColumn)] = "Enter the partition column, or clear the partition bounds and count.";
            }
            return;
        }
        if (sourceKind is { } kind && !FlowSourceRules.IsDatabase(kind))
        {
            errors[nameof(FlowForm.PartitionColumn)] = "Only a database query can be split by a partition column; clear it.";
            return;
        }
        if (column.Length > FieldLengths.Column) errors[nameof(FlowForm.PartitionColumn)] = $"At most {FieldLengths.Column} characters.";
        else if (!string.IsNullOrWhiteSpace(form.CursorField))
        {
            errors[nameof(FlowForm.PartitionColumn)] =
                $"An incremental query (cursor field '{form.CursorField.Trim()}') cannot run as partitions: its cursor moves once per run, after the whole load committed. Clear the cursor field or the partition column.";
        }
        else if (form.LoadMode == LoadMode.TruncateReplace) errors[nameof(FlowForm.PartitionColumn)] = $"{NoReplace}, or clear the partition column.";
        if (form.PartitionCount is < 2 or > QueryPartitioning.MaxCount)
        {
            errors[nameof(FlowForm.PartitionCount)] = $"Between 2 and {QueryPartitioning.MaxCount} partitions; {form.PartitionCount} is out of range.";
        }
        ValidateBounds(lower, upper, errors);
    }

    private static void ValidateBounds(string lower, string upper, Dictionary<string, string> errors)
    {
        if (lower.Length == 0 && upper.Length == 0) return;
        if (lower.Length == 0 || upper.Length == 0)
        {
            errors[lower.Length == 0 ? nameof(FlowForm.PartitionLowerBound) : nameof(FlowForm.PartitionUpperBound)] =
                "Give both bounds, or neither (then a run reads MIN and MAX of the column first).";
            return;
        }
        var tooLong = false;
        foreach (var (text, key) in new[] { (lower, nameof(FlowForm.PartitionLowerBound)), (upper, nameof(FlowForm.PartitionUpperBound)) })
        {
            if (text.Length > FieldLengths.Bound) (errors[key], tooLong) = ($"At most {FieldLengths.Bound} characters.", true);
            else if (QueryPartitioning.KindOf(text, out var problem) is null) (errors[key], tooLong) = (Capital(problem!) + ".", true);
        }
        if (tooLong) return;
        if (QueryPartitioning.KindOf(lower, upper, out var mismatch) is not { } kind) errors[nameof(FlowForm.PartitionUpperBound)] = Capital(mismatch!) + ".";
        else if (!QueryPartitioning.IsBelow(kind, QueryPartitioning.Normalize(kind, lower), QueryPartitioning.Normalize(kind, upper)))
        {
            errors[nameof(FlowForm.PartitionUpperBound)] = $"The upper bound must be above the lower bound ({lower}).";
        }
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

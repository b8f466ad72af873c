using System.Globalization;
using EtlStudio.Data.Entities;
using EtlStudio.Engine;

namespace EtlStudio.Web.Runs;

/// <summary>The lines a run's log ends with: each step in pipeline order with its time and counts, then the end and
/// the outcome, so the log tells the story of the run and not only that it started.</summary>
internal static class RunStory
{
    public static IEnumerable<(LogLevel Level, string Message)> Ending(FlowRun run, FlowRunResult? result)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var step in (result?.Steps ?? []).OrderBy(s => s.Step))
        {
            yield return (LogLevel.Information, $"{step.Step} took {ReadableDuration.Format(step.Duration)}: {StepCounts(step.Step, run)}.");
        }
        var took = ReadableDuration.Between(run.StartedUtc, run.EndedUtc);
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"{run.RowsRead:N0} read, {run.RowsWritten:N0} written, {run.RowsRejected:N0} rejected{(run.RowsFiltered > 0 ? $", {run.RowsFiltered:N0} filtered" : "")}{(run.RowsSkipped > 0 ? $", {run.RowsSkipped:N0} skipped" : "")}");
        var level = run.Status switch
        {
            RunStatus.Succeeded => LogLevel.Information,
            RunStatus.Cancelled => LogLevel.Warning,
            _ => LogLevel.Error,
        };
        var outcome = run.Error is { } error ? $"{run.Status}: {error}" : run.Note is { } note ? $"{run.Status} ({note})" : run.Status.ToString();
        yield return (level, $"Ended after {(took.Length == 0 ? "—" : took)}: {counts}. {outcome}");
    }

    private static string StepCounts(RunStep step, FlowRun run) => step switch
    {
        RunStep.Extract or RunStep.Parse => string.Create(CultureInfo.InvariantCulture, $"{run.RowsRead:N0} record(s) read"),
        RunStep.Map => string.Create(CultureInfo.InvariantCulture, $"{run.RowsRead - run.RowsSkipped:N0} mapped, {run.RowsRejected:N0} rejected{(run.RowsFiltered > 0 ? $", {run.RowsFiltered:N0} filtered" : "")}"),
        _ => string.Create(CultureInfo.InvariantCulture,
            $"{run.RowsWritten:N0} written{(run.RowsUpdated > 0 ? $" ({run.RowsInserted:N0} inserted, {run.RowsUpdated:N0} updated)" : "")}{(run.RowsDeleted > 0 ? $", {run.RowsDeleted:N0} old row(s) deleted" : "")}"),
    };
}

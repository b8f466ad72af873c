using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Scheduling;

internal sealed class SchedulingOptionsValidator : IValidateOptions<SchedulingOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options)
    {
        var problems = new List<string>();
        if (options.WorkerCount < 1) problems.Add($"{SchedulingOptions.Section}:{nameof(options.WorkerCount)} must be at least 1 (is {options.WorkerCount}).");
        if (options.SchedulePollingSeconds is < 1 or > 60) problems.Add($"{SchedulingOptions.Section}:{nameof(options.SchedulePollingSeconds)} must be between 1 and 60 (is {options.SchedulePollingSeconds}).");
        if (options.QueuePollSeconds is < 0.1 or > 60) problems.Add($"{SchedulingOptions.Section}:{nameof(options.QueuePollSeconds)} must be between 0.1 and 60 (is {options.QueuePollSeconds}).");
        if (options.SqliteFile is { } file && string.IsNullOrWhiteSpace(file)) problems.Add($"{SchedulingOptions.Section}:{nameof(options.SqliteFile)} must not be blank (leave it out for the default).");
        if (string.IsNullOrWhiteSpace(options.Schema)) problems.Add($"{SchedulingOptions.Section}:{nameof(options.Schema)} must not be empty.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

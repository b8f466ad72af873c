using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Runs;

internal sealed class RuntimeOptionsValidator : IValidateOptions<RuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, RuntimeOptions options)
    {
        var problems = new List<string>();
        void AtLeast(double value, double min, string key)
        {
            if (value < min) problems.Add($"{RuntimeOptions.Section}:{key} must be at least {min} (is {value}).");
        }
        AtLeast(options.FlowLockWaitSeconds, 0, nameof(options.FlowLockWaitSeconds));
        AtLeast(options.FlowBusyRecheckSeconds, 1, nameof(options.FlowBusyRecheckSeconds));
        AtLeast(options.HeartbeatSeconds, 1, nameof(options.HeartbeatSeconds));
        AtLeast(options.CancelPollMilliseconds, 100, nameof(options.CancelPollMilliseconds));
        AtLeast(options.TransientRetries, 0, nameof(options.TransientRetries));
        AtLeast(options.RetryDelaySeconds, 0, nameof(options.RetryDelaySeconds));
        AtLeast(options.MaxStoredRejects, 0, nameof(options.MaxStoredRejects));
        if (options.AbandonAfterSeconds < 3 * options.HeartbeatSeconds)
        {
            problems.Add($"{RuntimeOptions.Section}:{nameof(options.AbandonAfterSeconds)} ({options.AbandonAfterSeconds}) must be at least three heartbeats " +
                $"({RuntimeOptions.Section}:{nameof(options.HeartbeatSeconds)} = {options.HeartbeatSeconds}), or live runs would be marked Abandoned.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

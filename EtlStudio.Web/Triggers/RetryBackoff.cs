namespace EtlStudio.Web.Triggers;

/// <summary>Wait before retrying a failed batch: doubles from the initial delay up to the cap, with ±20% jitter so
/// instances retrying against the same broken database do not hit it in step.</summary>
internal static class RetryBackoff
{
    /// <param name="failures">Consecutive failures so far (1 for the first).</param>
    /// <param name="initialMs">Delay after the first failure.</param>
    /// <param name="maxMs">Cap.</param>
    /// <param name="jitter">A number in [0, 1).</param>
    public static TimeSpan Delay(int failures, int initialMs, int maxMs, double jitter)
    {
        var exponential = initialMs * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var jittered = Math.Min(exponential, maxMs) * (0.8 + 0.4 * jitter);
        return TimeSpan.FromMilliseconds(Math.Min(jittered, maxMs));
    }
}

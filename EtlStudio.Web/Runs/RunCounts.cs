using System.Globalization;

namespace EtlStudio.Web.Runs;

/// <summary>How the portal says a run's counts, so the run page and the dry run show the same balance.</summary>
public static class RunCounts
{
    /// <summary>"1,000 read = 900 written + 50 rejected + 50 filtered": filtered always (0 too: the balance is the
    /// promise), skipped only when the run skipped rows an earlier run of its load had committed.</summary>
    public static string Balance(long read, long written, long rejected, long filtered, long skipped) => string.Create(CultureInfo.InvariantCulture,
        $"{read:N0} read = {written:N0} written + {rejected:N0} rejected + {filtered:N0} filtered{(skipped > 0 ? $" + {skipped:N0} skipped" : "")}");
}

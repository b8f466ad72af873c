namespace EtlStudio.Web.Runs;

/// <summary>Section <c>Retention</c>: how long run history and staged data are kept.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Runs (with their steps, rejected rows, logs and artifacts) and staged files older than this many days
    /// are purged by the daily retention job.</summary>
    public int Days { get; set; } = 30;
}

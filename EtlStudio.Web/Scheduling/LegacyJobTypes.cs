using Hangfire.Common;

namespace EtlStudio.Web.Scheduling;

/// <summary>Resolves job types that Hangfire stored under the namespaces of earlier versions, so recurring, scheduled
/// and enqueued jobs written before an upgrade still run after it.</summary>
/// <remarks>Hangfire stores each job's type by name ("EtlStudio.Web.Jobs.RunOrchestrator, EtlStudio.Web"); the jobs
/// moved to the Runs and Scheduling feature folders in version 0.12.</remarks>
internal static class LegacyJobTypes
{
    private static readonly Dictionary<string, string> Moved = new(StringComparer.Ordinal)
    {
        ["EtlStudio.Web.Jobs.RunOrchestrator"] = "EtlStudio.Web.Runs.RunOrchestrator",
        ["EtlStudio.Web.Jobs.AbandonedRunSweeper"] = "EtlStudio.Web.Runs.AbandonedRunSweeper",
        ["EtlStudio.Web.Jobs.RetentionJob"] = "EtlStudio.Web.Runs.RetentionJob",
        ["EtlStudio.Web.Jobs.GroupRunJob"] = "EtlStudio.Web.Runs.GroupRunJob",
        // 0.12 kept it in Scheduling for a while; it runs a group's flows, so it lives with the runs.
        ["EtlStudio.Web.Scheduling.GroupRunJob"] = "EtlStudio.Web.Runs.GroupRunJob",
    };

    public static Type Resolve(string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        var comma = typeName.IndexOf(',', StringComparison.Ordinal);
        var name = comma < 0 ? typeName : typeName[..comma];
        return TypeHelper.DefaultTypeResolver(Moved.TryGetValue(name, out var moved) ? moved + typeName[name.Length..] : typeName);
    }
}

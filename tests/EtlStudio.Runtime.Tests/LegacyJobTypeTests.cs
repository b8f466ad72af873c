using EtlStudio.Web.Runs;
using EtlStudio.Web.Scheduling;

namespace EtlStudio.Runtime.Tests;

public class LegacyJobTypeTests
{
    [Theory]
    [InlineData("EtlStudio.Web.Jobs.RunOrchestrator, EtlStudio.Web", typeof(RunOrchestrator))]
    [InlineData("EtlStudio.Web.Jobs.GroupRunJob, EtlStudio.Web", typeof(GroupRunJob))]
    [InlineData("EtlStudio.Web.Scheduling.GroupRunJob, EtlStudio.Web", typeof(GroupRunJob))]
    [InlineData("EtlStudio.Web.Jobs.AbandonedRunSweeper, EtlStudio.Web", typeof(AbandonedRunSweeper))]
    [InlineData("EtlStudio.Web.Jobs.RetentionJob, EtlStudio.Web", typeof(RetentionJob))]
    [InlineData("EtlStudio.Web.Runs.RunOrchestrator, EtlStudio.Web", typeof(RunOrchestrator))]
    public void Jobs_stored_under_an_earlier_namespace_still_resolve(string storedName, Type expected) =>
        Assert.Equal(expected, LegacyJobTypes.Resolve(storedName));
}

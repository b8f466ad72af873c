using EtlStudio.Data.Entities;
using EtlStudio.Engine.Staging;
using EtlStudio.Web.Runs;

namespace EtlStudio.Runtime.Tests;

/// <summary><c>Staging:Format</c> reaches the runs the app executes.</summary>
public sealed class StagingFormatTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staging_format_parquet_in_configuration_makes_runs_stage_mapped_parquet()
    {
        await using var app = await RuntimeApp.CreateAsync(new Dictionary<string, string?> { ["Staging:Format"] = "Parquet" });
        var group = await TestData.GroupAsync(app);
        var (flow, source, _) = await TestData.SqliteCopyFlowAsync(app, group, "SELECT id, name FROM events");
        await Sqlite.ExecAsync(source, "INSERT INTO events VALUES (1, 'a'), (2, NULL), (3, '')");

        var run = await app.WaitForEndAsync(await app.Get<IRunLauncher>().RunFlowAsync(flow.Id, RunTrigger.Manual, Ct));

        Assert.Equal(RunStatus.Succeeded, run.Status);
        var staged = (await app.Get<IStagingStore>().ListAsync(run.Id, Ct)).Select(a => a.Name).ToList();
        Assert.Contains("mapped.parquet", staged);
        Assert.Contains("mapped.complete", staged);
        Assert.DoesNotContain("mapped.ndjson", staged);
    }
}

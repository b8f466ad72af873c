using EtlStudio.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EtlStudio.Runtime.Tests;

public sealed class EngineWarmUpTests
{
    [Fact]
    public async Task Warm_up_at_start_loads_every_generated_row_and_leaves_no_run_and_no_folder_behind()
    {
        var before = WarmUpFolders();
        await using var app = await RuntimeApp.CreateAsync(new Dictionary<string, string?> { ["Runtime:WarmUpOnStart"] = "true" });
        var warmUp = app.Services.GetServices<IHostedService>().OfType<EngineWarmUp>().Single();

        var succeeded = await warmUp.Done.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.True(succeeded);
        await using var db = await app.DbAsync();
        Assert.Equal(0, await db.Runs.CountAsync(TestContext.Current.CancellationToken));
        Assert.Empty(WarmUpFolders().Except(before));
    }

    [Fact]
    public async Task Warm_up_switched_off_loads_nothing()
    {
        await using var app = await RuntimeApp.CreateAsync();
        var warmUp = app.Services.GetServices<IHostedService>().OfType<EngineWarmUp>().Single();

        Assert.False(await warmUp.Done.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    private static string[] WarmUpFolders() => Directory.GetDirectories(Path.GetTempPath(), "etlstudio-warmup.*");
}

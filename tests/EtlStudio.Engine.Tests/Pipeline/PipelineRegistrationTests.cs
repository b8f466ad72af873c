using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Staging;
using EtlStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EtlStudio.Engine.Tests.Pipeline;

public sealed class PipelineRegistrationTests(AzuriteServer azurite)
{
    [Fact]
    public async Task The_runner_resolves_with_a_local_folder_store_by_default_and_runs()
    {
        var folder = Directory.CreateTempSubdirectory("etl-di-").FullName;
        try
        {
            var loader = new FakeLoader();
            await using var provider = Services(new StagingOptions { Folder = folder }, loader).BuildServiceProvider();
            var runId = Guid.NewGuid();

            var result = await provider.GetRequiredService<FlowRunner>().RunAsync(Flow, new FlowRunContext { RunId = runId }, TestContext.Current.CancellationToken);

            Assert.True(result.Succeeded, result.Error?.ToString());
            Assert.IsType<LocalFolderStagingStore>(provider.GetRequiredService<IStagingStore>());
            Assert.Single(loader.Committed);
            Assert.True(File.Exists(Path.Combine(folder, runId.ToString(), "mapped.ndjson")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_blob_connection_string_selects_the_blob_store()
    {
        var options = new StagingOptions { BlobConnectionString = azurite.ConnectionString, BlobContainer = "di-" + Guid.NewGuid().ToString("N") };
        await using var provider = Services(options, new FakeLoader()).BuildServiceProvider();
        var runId = Guid.NewGuid();

        var result = await provider.GetRequiredService<FlowRunner>().RunAsync(Flow, new FlowRunContext { RunId = runId }, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.IsType<BlobStagingStore>(provider.GetRequiredService<IStagingStore>());
        Assert.Contains(result.StagedArtifacts, a => a.Name == "mapped.ndjson" && a.Location.Contains($"/{runId}/mapped.ndjson", StringComparison.Ordinal));
    }

    private static ServiceCollection Services(StagingOptions staging, FakeLoader loader)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ISourceFactory>(new FakeSources().Add("in/a.csv", "id\n1\n"));
        services.AddSingleton<ILoaderFactory>(loader);
        services.AddEtlPipeline(staging);
        return services;
    }

    private static readonly FlowDefinition Flow = new()
    {
        Name = "di",
        Source = new FileSourceDefinition { Location = "in" },
        Columns = [new ColumnMap { SourceField = "id", TargetColumn = "id", Type = ColumnType.Int }],
        Destination = new DestinationDefinition { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=x", Table = "t" },
    };
}

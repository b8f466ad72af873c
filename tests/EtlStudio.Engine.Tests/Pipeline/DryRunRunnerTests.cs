using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Staging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace EtlStudio.Engine.Tests.Pipeline;

/// <summary>Dry runs against a loader that cannot keep a load in one transaction: they fail rather than fall back to a
/// real load.</summary>
public sealed class DryRunRunnerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("etl-dry-runner-").FullName;

    [Fact]
    public async Task A_loader_without_dry_run_support_fails_the_dry_run_and_receives_nothing()
    {
        var sources = new FakeSources().Add("in/a.csv", "id\n1\n2\n");
        var loader = new FakeLoader();
        var runner = new FlowRunner(sources, loader, new LocalFolderStagingStore(_root), NullLogger<FlowRunner>.Instance);
        var flow = new FlowDefinition
        {
            Name = "orders",
            Source = new FileSourceDefinition { Location = "in", Pattern = "*.csv" },
            Columns = [new ColumnMap { SourceField = "id", TargetColumn = "id", Type = ColumnType.Int }],
            Destination = new DestinationDefinition { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=x", Table = "t" },
        };

        var result = await runner.DryRunAsync(flow, new FlowRunContext { RunId = Guid.NewGuid() }, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.IsType<NotSupportedException>(result.Error);
        Assert.Empty(loader.Received);
        Assert.Equal(0, loader.BatchesWritten);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Staging;
using EtlStudio.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace EtlStudio.Engine.Tests.Pipeline;

/// <summary>Parquet staging into Azure Blob (Azurite): written through the block blob's forward-only stream, read back
/// through a temporary local copy (Parquet is read by seeking).</summary>
public sealed class ParquetBlobStagingTests(AzuriteServer azurite)
{
    [Fact]
    public async Task A_run_staging_parquet_into_blob_storage_replays_every_row()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new BlobStagingStore(azurite.ConnectionString, "staging-" + Guid.NewGuid().ToString("N"));
        var csv = new StringBuilder("id,name\n");
        for (var i = 1; i <= 3000; i++) csv.Append(i % 5 == 0 ? $"{i},\n" : $"{i},näme {i}\n");
        var flow = new FlowDefinition
        {
            Name = "orders",
            Source = new FileSourceDefinition { Location = "in", Pattern = "*.csv" },
            Columns =
            [
                new ColumnMap { SourceField = "id", TargetColumn = "order_id", Type = ColumnType.Int, Required = true },
                new ColumnMap { SourceField = "name", TargetColumn = "customer" },
            ],
            Destination = new DestinationDefinition { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=x", Table = "sales.orders" },
            BatchSize = 500,
            LoadParallelism = 1,
        };
        var runId = Guid.NewGuid();
        var first = await new FlowRunner(new FakeSources().Add("in/a.csv", csv.ToString()), new FakeLoader(), store, NullLogger<FlowRunner>.Instance, StagingFormat.Parquet)
            .RunAsync(flow, new FlowRunContext { RunId = runId }, ct);
        Assert.True(first.Succeeded, first.Error?.ToString());
        Assert.Contains(await store.ListAsync(runId, ct), a => a.Name == "mapped.parquet");

        var loader = new FakeLoader();
        var replay = await new FlowRunner(new FakeSources(), loader, store, NullLogger<FlowRunner>.Instance)
            .ReplayLoadAsync(flow, runId, new FlowRunContext { RunId = Guid.NewGuid() }, ct);

        Assert.True(replay.Succeeded, replay.Error?.ToString());
        Assert.Equal(Enumerable.Range(1, 3000), loader.Committed.Select(r => (int)r[0]!));
        Assert.Equal([5, null], loader.Committed[4]);
        Assert.Equal([2999, "näme 2999"], loader.Committed[2998]);
    }
}

using System.Globalization;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Preview;
using EtlStudio.Engine.Sources;
using EtlStudio.Testing;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>Looking at a flow never changes its source: a dry run and a preview run a database source's query in a
/// read-only transaction that is rolled back, so a query that writes (<c>DELETE … RETURNING</c>) deletes nothing.</summary>
public sealed class ReadOnlySourceTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.PostgreSql, DatabaseProvider.Sqlite];

    private static readonly ColumnMap[] Columns = [new() { SourceField = "id", TargetColumn = "id", Type = ColumnType.Int }];

    private static async Task<long> CountAsync(TargetDatabase db) =>
        Convert.ToInt64((await db.QueryAsync("SELECT count(*) FROM victim"))[0][0], CultureInfo.InvariantCulture);

    private static async Task<(TargetDatabase Db, FlowDefinition Flow)> ArrangeAsync(EngineHost host, DatabaseProvider provider, PostgresServer postgres)
    {
        var db = await TargetDatabase.CreateAsync(provider, postgres);
        await db.ExecuteAsync("CREATE TABLE victim (id integer)");
        await db.ExecuteAsync("INSERT INTO victim VALUES (1), (2), (3)");
        await db.ExecuteAsync("CREATE TABLE target (id integer)");
        var flow = host.Flow(Columns, provider, db.ConnectionString, "target") with
        {
            Source = new DatabaseSourceDefinition { Provider = provider, ConnectionString = db.ConnectionString, Query = "DELETE FROM victim WHERE id <= 2 RETURNING id" },
        };
        return (db, flow);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_dry_run_of_a_query_that_deletes_leaves_the_source_rows(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        var (db, flow) = await ArrangeAsync(host, provider, postgres);
        await using (db)
        {
            var result = await host.Runner.DryRunAsync(flow, new FlowRunContext { RunId = Guid.NewGuid() }, TestContext.Current.CancellationToken);

            Assert.False(result.Succeeded, "a write in a read-only transaction is refused");
            Assert.Contains("read", result.Error!.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(3L, await CountAsync(db));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_preview_of_a_query_that_deletes_leaves_the_source_rows(DatabaseProvider provider)
    {
        await using var host = new EngineHost();
        var (db, flow) = await ArrangeAsync(host, provider, postgres);
        await using (db)
        {
            using var http = new HttpClient();
            var preview = await new FlowPreview(new SourceFactory(http)).RunAsync(flow.Source, flow.Parse, flow.Columns, 10, TestContext.Current.CancellationToken);

            Assert.NotNull(preview.Error);
            Assert.Equal(3L, await CountAsync(db));
        }
    }
}

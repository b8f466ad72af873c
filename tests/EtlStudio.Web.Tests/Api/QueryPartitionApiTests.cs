using System.Net;
using System.Text.Json.Nodes;

namespace EtlStudio.Web.Tests.Api;

public sealed class QueryPartitionApiTests : ApiTest
{
    private async Task<JsonNode> QueryFlowAsync(string name)
    {
        var group = await CreateGroupAsync();
        var source = await CreateConnectionAsync("Shop", "Sqlite", new { dataSource = "shop.db" });
        var destination = await CreateConnectionAsync("Warehouse", "Sqlite", new { dataSource = "dw.db" });
        return new JsonObject
        {
            ["groupId"] = group, ["name"] = name, ["sourceConnectionId"] = source, ["sourceQuery"] = "SELECT id, amount FROM orders",
            ["destinationConnectionId"] = destination, ["destinationTable"] = "orders", ["loadMode"] = "Append",
            ["columns"] = new JsonArray(new JsonObject { ["sourceField"] = "id", ["targetColumn"] = "id", ["targetType"] = "Long" }),
            ["partitionColumn"] = "id", ["partitionLowerBound"] = "1", ["partitionUpperBound"] = "1000000", ["partitionCount"] = 16, ["partitionsInFlight"] = 4,
        };
    }

    [Fact]
    public async Task Partition_column_bounds_and_count_round_trip()
    {
        var body = await QueryFlowAsync("Orders");

        var id = (await PostAsync("/api/flows", body))["id"]!.GetValue<int>();
        var read = await GetAsync($"/api/flows/{id}");

        Assert.Equal(("id", "1", "1000000", 16, 4), (read["partitionColumn"]!.GetValue<string>(), read["partitionLowerBound"]!.GetValue<string>(),
            read["partitionUpperBound"]!.GetValue<string>(), read["partitionCount"]!.GetValue<int>(), read["partitionsInFlight"]!.GetValue<int>()));
        body["partitionLowerBound"] = null;
        body["partitionUpperBound"] = null;
        var unbounded = await PutAsync($"/api/flows/{id}", body);
        Assert.Null(unbounded["partitionLowerBound"]);
        Assert.Equal(16, unbounded["partitionCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bad_bounds_a_count_out_of_range_and_one_bound_alone_are_refused_naming_each_field()
    {
        var body = await QueryFlowAsync("Orders");
        body["partitionLowerBound"] = "abc";
        body["partitionCount"] = 1;

        var problem = await PostAsync("/api/flows", body, HttpStatusCode.BadRequest);
        body["partitionLowerBound"] = "2024-01-01";
        var mixed = await PostAsync("/api/flows", body, HttpStatusCode.BadRequest);
        body["partitionLowerBound"] = null;
        body["partitionCount"] = 4;
        var alone = await PostAsync("/api/flows", body, HttpStatusCode.BadRequest);
        body["partitionLowerBound"] = "5000000";
        var inverted = await PostAsync("/api/flows", body, HttpStatusCode.BadRequest);

        Assert.Equal(["partitionCount", "partitionLowerBound"], ErrorKeys(problem));
        Assert.Equal("'abc' is not a number, a date (yyyy-MM-dd) or a timestamp (yyyy-MM-ddTHH:mm:ss, optionally with Z or an offset).", Error(problem, "partitionLowerBound"));
        Assert.Equal("Between 2 and 1000 partitions; 1 is out of range.", Error(problem, "partitionCount"));
        Assert.Equal("The lower bound is a date and the upper bound a number: write both the same way.", Error(mixed, "partitionUpperBound"));
        Assert.Equal("Give both bounds, or neither (then a run reads MIN and MAX of the column first).", Error(alone, "partitionLowerBound"));
        Assert.Equal("The upper bound must be above the lower bound (5000000).", Error(inverted, "partitionUpperBound"));
    }

    [Fact]
    public async Task Partitioning_is_refused_for_an_incremental_query_for_TruncateReplace_and_for_a_file_source()
    {
        var body = await QueryFlowAsync("Orders");
        body["cursorField"] = "id";
        var incremental = await PostAsync("/api/flows", body, HttpStatusCode.BadRequest);
        body["cursorField"] = null;
        body["loadMode"] = "TruncateReplace";
        var replace = await PostAsync("/api/flows", body, HttpStatusCode.BadRequest);
        body["loadMode"] = "Append";
        body["sourceConnectionId"] = await CreateConnectionAsync("Inbox", "LocalFolder", new { path = "in" });
        body["sourceQuery"] = null;
        body["sourcePath"] = "*.csv";
        var files = await PostAsync("/api/flows", body, HttpStatusCode.BadRequest);

        Assert.StartsWith("An incremental query (cursor field 'id') cannot run as partitions", Error(incremental, "partitionColumn"), StringComparison.Ordinal);
        Assert.StartsWith("A TruncateReplace cannot run as partitions", Error(replace, "partitionColumn"), StringComparison.Ordinal);
        Assert.StartsWith("A TruncateReplace cannot run as partitions", Error(replace, "partitionsInFlight"), StringComparison.Ordinal);
        Assert.Equal("Only a database query can be split by a partition column; clear it.", Error(files, "partitionColumn"));
    }

    [Fact]
    public async Task Partitions_in_flight_on_a_query_without_a_partition_column_are_refused()
    {
        var body = await QueryFlowAsync("Orders");
        body["partitionColumn"] = null;
        body["partitionLowerBound"] = null;
        body["partitionUpperBound"] = null;
        body["partitionCount"] = 0;

        var problem = await PostAsync("/api/flows", body, HttpStatusCode.BadRequest);

        Assert.Equal(["partitionsInFlight"], ErrorKeys(problem));
        Assert.StartsWith("Only a file source, or a query with a partition column, can run as partitions", Error(problem, "partitionsInFlight"), StringComparison.Ordinal);
    }
}

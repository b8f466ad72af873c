using System.Net;
using System.Text.Json.Nodes;
using EtlStudio.Web.Flows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Web.Tests.Api;

/// <summary>Expressions are compiled when a flow is saved (FlowService, through the engine's check): the API and the
/// designer accept a computed column without a source field and a row filter, and refuse one that does not compile
/// with the same words, keyed at the column's expression (or the filter), with the position.</summary>
public sealed class FlowExpressionApiTests : ApiTest
{
    private int _group, _source, _destination;

    private async Task ArrangeAsync()
    {
        _group = await CreateGroupAsync("Nightly");
        (_source, _destination) = await CreateConnectionsAsync();
    }

    private object Body(string name, string expression, string? filter = null) => new
    {
        groupId = _group, name, sourceConnectionId = _source, sourcePath = "orders/*.csv", destinationConnectionId = _destination, destinationTable = "main.orders",
        filter,
        columns = new object[]
        {
            new { sourceField = "id", targetColumn = "order_id", targetType = "Long" },
            new { targetColumn = "name_upper", expression, length = 80 },
        },
    };

    [Fact]
    public async Task A_computed_column_needs_no_source_field_and_round_trips_with_the_filter()
    {
        await ArrangeAsync();

        var created = await PostAsync("/api/flows", Body("Orders", "upper(trim(name))", filter: "order_id > 0"));
        var read = await GetAsync($"/api/flows/{created["id"]!.GetValue<int>()}");

        Assert.Equal("upper(trim(name))", read["columns"]![1]!["expression"]!.GetValue<string>());
        Assert.Null(read["columns"]![1]!["sourceField"]);
        Assert.Equal(80, read["columns"]![1]!["length"]!.GetValue<int>());
        Assert.Equal("order_id > 0", read["filter"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_expression_that_does_not_compile_is_refused_at_its_column_with_the_position_and_nothing_is_saved()
    {
        await ArrangeAsync();

        var problem = await PostAsync("/api/flows", Body("Orders", "upper(trim(name)"), HttpStatusCode.BadRequest);

        Assert.Equal(["columns[1].expression"], ErrorKeys(problem));
        Assert.Contains("name_upper", Error(problem, "columns[1].expression"), StringComparison.Ordinal);
        var detail = Assert.Single(problem["expressionProblems"]!.AsArray())!;
        Assert.Equal("name_upper", detail["column"]!.GetValue<string>());
        Assert.NotNull(detail["position"]);
        Assert.Equal(Error(problem, "columns[1].expression"), detail["message"]!.GetValue<string>());
        await using var db = await Host.Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Flows.CountAsync(Ct));
    }

    [Fact]
    public async Task A_filter_that_is_not_a_condition_is_refused_under_filter()
    {
        await ArrangeAsync();

        var problem = await PostAsync("/api/flows", Body("Orders", "upper(name)", filter: "upper(name)"), HttpStatusCode.BadRequest);

        Assert.Equal(["filter"], ErrorKeys(problem));
        Assert.Null(Assert.Single(problem["expressionProblems"]!.AsArray())!["column"]);
    }

    [Fact]
    public async Task The_designer_refuses_the_same_expression_with_the_same_words_shown_at_the_column()
    {
        await ArrangeAsync();
        var api = await PostAsync("/api/flows", Body("Orders", "upper(trim(name)"), HttpStatusCode.BadRequest);

        using var scope = Host.Services.CreateScope();
        var model = (await scope.ServiceProvider.GetRequiredService<DesignerModelFactory>().CreateAsync(null, Ct))!;
        var form = model.Draft.Form;
        (form.GroupId, form.Name, form.SourceConnectionId, form.SourcePath, form.DestinationConnectionId, form.DestinationTable) =
            (_group, "Orders", _source, "orders/*.csv", _destination, "main.orders");
        form.Columns =
        [
            new ColumnMappingForm { SourceField = "id", TargetColumn = "order_id", TargetType = Engine.Definitions.ColumnType.Long },
            new ColumnMappingForm { TargetColumn = "name_upper", Expression = "upper(trim(name)", Length = 80 },
        ];
        var (id, problem) = await model.SaveAsync(despiteDestination: true, Ct);

        Assert.Equal(0, id);
        Assert.Equal("Fix the fields marked in red first.", problem);
        Assert.Equal(Error(api, "columns[1].expression"), model.Error(Stage.Map, "Columns[1].Expression"));
    }

    [Fact]
    public async Task Import_refuses_an_expression_that_does_not_compile_under_the_flow_definition()
    {
        await ArrangeAsync();
        await PostAsync("/api/flows", Body("Orders", "upper(trim(name))"));
        var exported = await GetAsync($"/api/groups/{_group}/export");
        exported["group"]!["name"] = "Copy";
        exported["flows"]![0]!["definition"]!["columns"]![1]!["expression"] = "upper(trim(name)";

        var problem = await ReadAsync(await Admin.PostAsync("/api/groups/import",
            new StringContent(exported.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), Ct), HttpStatusCode.BadRequest);

        Assert.Equal(["flows[0].definition.columns[1].expression"], ErrorKeys(problem));
    }
}

using EtlStudio.Data.Entities;
using EtlStudio.Web.Flows;
using Xunit;

namespace EtlStudio.Web.Tests.FlowPages;

/// <summary>The designer refuses hostile table and column names at save, like the API does.</summary>
public sealed class FlowDraftValidationTests
{
    [Theory]
    [InlineData("orders; DROP TABLE users")]
    [InlineData("\"orders\"")]
    [InlineData("[dbo].[orders]")]
    [InlineData("a.b.c")]
    public void A_hostile_destination_table_is_refused_on_the_load_stage(string table)
    {
        var draft = new FlowDraft { Form = { DestinationConnectionId = 1, DestinationTable = table } };

        var errors = draft.Validate(Stage.Load, null, ConnectionKind.PostgreSql);

        Assert.Contains(nameof(FlowForm.DestinationTable), errors.Keys);
    }

    [Fact]
    public void A_plain_schema_qualified_table_passes()
    {
        var draft = new FlowDraft { Form = { DestinationConnectionId = 1, DestinationTable = "sales.order_lines" } };

        Assert.DoesNotContain(nameof(FlowForm.DestinationTable), draft.Validate(Stage.Load, null, ConnectionKind.PostgreSql).Keys);
    }

    [Fact]
    public void A_hostile_target_column_is_refused_on_the_map_stage()
    {
        var draft = new FlowDraft();
        draft.Form.Columns.Add(new ColumnMappingForm { SourceField = "id", TargetColumn = "id" });
        draft.Form.Columns.Add(new ColumnMappingForm { SourceField = "name", TargetColumn = "name\"; DROP TABLE x; --" });

        var errors = draft.Validate(Stage.Map, null, null);

        Assert.DoesNotContain("Columns[0].TargetColumn", errors.Keys);
        Assert.Contains("Columns[1].TargetColumn", errors.Keys);
    }

    [Fact]
    public void Pagination_json_that_does_not_read_is_kept_as_typed_and_shown_under_its_field()
    {
        var draft = new FlowDraft { HttpPagination = "{\"kind\": \"PageNumber\", " };

        var errors = draft.Validate(Stage.Source, ConnectionKind.Http, null);

        Assert.Equal("{\"kind\": \"PageNumber\", ", draft.HttpPagination);
        Assert.StartsWith("Not valid JSON", errors[nameof(FlowDraft.HttpPagination)]);
    }

    [Fact]
    public void A_pagination_part_the_shared_rules_refuse_shows_under_the_pagination_text()
    {
        var draft = new FlowDraft { HttpPagination = "{\"kind\": \"NextLinkInBody\"}" };

        var errors = draft.Validate(Stage.Source, ConnectionKind.Http, null);

        Assert.Equal("NextLinkPath: Enter the JSON path of the next link, e.g. links.next.", errors[nameof(FlowDraft.HttpPagination)]);
    }

    [Fact]
    public void Upsert_keys_typed_as_text_must_be_target_columns_like_in_the_API()
    {
        var draft = new FlowDraft { Form = { LoadMode = EtlStudio.Engine.Definitions.LoadMode.Upsert }, KeyColumns = "order_id, customer" };
        draft.Form.Columns.Add(new ColumnMappingForm { SourceField = "id", TargetColumn = "order_id" });

        var errors = draft.Validate(Stage.Load, null, ConnectionKind.PostgreSql);

        Assert.Equal(["order_id", "customer"], draft.Form.KeyColumns);
        Assert.Equal("Key column 'customer' is not one of the target columns.", errors[nameof(FlowForm.KeyColumns)]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(9)]
    public void Load_lanes_out_of_range_are_refused_on_the_load_stage_and_the_value_stays_in_the_form(int lanes)
    {
        var draft = new FlowDraft { Form = { DestinationConnectionId = 1, DestinationTable = "orders", LoadParallelism = lanes } };

        var errors = draft.Validate(Stage.Load, null, ConnectionKind.PostgreSql);

        Assert.Equal($"Between 1 and 8 load lanes; {lanes} is out of range.", errors[nameof(FlowForm.LoadParallelism)]);
        Assert.Equal(lanes, draft.Form.LoadParallelism);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void Load_lanes_from_1_to_8_pass_and_are_saved_on_the_flow(int lanes)
    {
        var draft = new FlowDraft { Form = { LoadParallelism = lanes } };
        var flow = new Flow { Name = "Orders" };

        draft.ApplyTo(flow);

        Assert.DoesNotContain(nameof(FlowForm.LoadParallelism), draft.Validate(null, null).Keys);
        Assert.Equal(lanes, flow.LoadParallelism);
        Assert.Equal(lanes, FlowForm.From(flow).LoadParallelism);
    }

    [Theory]
    [InlineData("Parse.Delimiter", Stage.Parse)]
    [InlineData("Columns[3].Culture", Stage.Map)]
    [InlineData("KeyColumns", Stage.Load)]
    [InlineData("LoadParallelism", Stage.Load)]
    [InlineData("SourceTopic", Stage.Source)]
    public void Each_problem_of_the_shared_rules_shows_on_the_stage_of_its_field(string field, Stage stage) =>
        Assert.Equal(stage, FlowDraft.StageOf(field));
}

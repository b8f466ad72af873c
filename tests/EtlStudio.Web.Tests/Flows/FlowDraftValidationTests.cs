using EtlStudio.Data.Entities;
using EtlStudio.Web.Designer;
using EtlStudio.Web.Editing;
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
}

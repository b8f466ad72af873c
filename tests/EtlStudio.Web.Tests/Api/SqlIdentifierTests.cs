using EtlStudio.Web.Flows;


namespace EtlStudio.Web.Tests.Api;

public sealed class SqlIdentifierTests
{
    [Theory]
    [InlineData("orders")]
    [InlineData("_staging1")]
    [InlineData("sales.order_lines")]
    [InlineData("dbo.Orders2024")]
    public void Plain_tables_are_accepted(string name) => Assert.True(SqlIdentifier.IsTable(name));

    [Theory]
    [InlineData("")]
    [InlineData("1orders")]
    [InlineData("a.b.c")]
    [InlineData("sales.")]
    [InlineData(".orders")]
    [InlineData("order lines")]
    [InlineData("orders;DROP TABLE users")]
    [InlineData("[orders]")]
    [InlineData("\"orders\"")]
    [InlineData("orders--")]
    [InlineData("orders\n")]
    [InlineData("ordérs")]
    [InlineData("orders\u0000")]
    public void Anything_else_is_refused_as_a_table(string name) => Assert.False(SqlIdentifier.IsTable(name));

    [Theory]
    [InlineData("customer_id", true)]
    [InlineData("sales.customer_id", false)]
    [InlineData("customer id", false)]
    [InlineData("id\n", false)]
    public void Columns_take_no_schema(string name, bool accepted) => Assert.Equal(accepted, SqlIdentifier.IsPlain(name));
}

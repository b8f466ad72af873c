using System.Text;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Messages;

public sealed class MessageDocumentSourceTests
{
    [Fact]
    public async Task Each_message_value_is_one_document_named_by_its_origin()
    {
        var factory = new SourceFactory(new HttpClient());
        var batch = new MessageSourceDefinition
        {
            Messages =
            [
                new SourceMessage("orders", 2, 41, Encoding.UTF8.GetBytes("k"), Encoding.UTF8.GetBytes("{\"id\":1}")),
                new SourceMessage("orders", 0, 7, null, Encoding.UTF8.GetBytes("{\"id\":2}")),
            ],
        };

        var documents = await Documents.ReadTextAsync(factory, batch, new ParseDefinition { Format = ParseFormat.Json });

        Assert.Equal([("orders[2]@41", "{\"id\":1}"), ("orders[0]@7", "{\"id\":2}")], documents);
    }

    [Fact]
    public void A_database_source_is_not_a_document_source()
    {
        var factory = new SourceFactory(new HttpClient());
        var query = new DatabaseSourceDefinition { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=:memory:", Query = "SELECT 1" };

        Assert.Throws<ArgumentException>(() => factory.CreateDocumentSource(query, new ParseDefinition()));
    }
}

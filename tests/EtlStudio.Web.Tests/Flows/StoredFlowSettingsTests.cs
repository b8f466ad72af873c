using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Flows;

namespace EtlStudio.Web.Tests.FlowPages;

/// <summary>A flow's JSON settings are stored through records of their own (<see cref="StoredParseOptions"/>,
/// <see cref="StoredPagination"/>), and rows written before them still read.</summary>
public sealed class StoredFlowSettingsTests
{
    // Exactly what FlowForm.ApplyTo wrote before the stored records: the engine records serialized with
    // JsonSerializerOptions.Web, enums as numbers.
    private const string OldParseOptions =
        """{"format":1,"delimiter":"|","quote":"'","hasHeader":false,"emptyQuotedAsEmptyString":true,"lenientQuotes":true,"skipRows":2,"encoding":"windows-1252","culture":"nl-NL","jsonLayout":1,"recordsPath":"data.items","recordElement":"order"}""";

    private const string OldPagination =
        """{"kind":4,"nextLinkPath":null,"pageParameter":"p","startPage":0,"limitParameter":"size","offsetParameter":"skip","pageSize":50,"maxPages":7}""";

    [Fact]
    public void Parse_options_and_pagination_stored_in_the_old_shape_still_read()
    {
        var flow = new Flow { Name = "Old", ParseFormat = ParseFormat.Json, ParseOptions = OldParseOptions, HttpPagination = OldPagination };

        var form = FlowForm.From(flow);

        Assert.Equal(new ParseDefinition
        {
            Format = ParseFormat.Json, Delimiter = "|", Quote = '\'', HasHeader = false, EmptyQuotedAsEmptyString = true, LenientQuotes = true,
            SkipRows = 2, Encoding = "windows-1252", Culture = "nl-NL", JsonLayout = JsonLayout.Array, RecordsPath = "data.items", RecordElement = "order",
        }, form.Parse);
        Assert.Equal(new HttpPagination
        {
            Kind = PaginationKind.OffsetLimit, PageParameter = "p", StartPage = 0, LimitParameter = "size", OffsetParameter = "skip", PageSize = 50, MaxPages = 7,
        }, form.HttpPagination);
    }

    [Fact]
    public void The_stored_format_column_wins_over_a_format_in_the_options()
    {
        var flow = new Flow { Name = "Old", ParseFormat = ParseFormat.Xml, ParseOptions = OldParseOptions };

        Assert.Equal(ParseFormat.Xml, FlowForm.From(flow).Parse.Format);
    }

    [Fact]
    public void Settings_written_now_read_back_the_same_and_name_their_enums()
    {
        var form = new FlowForm
        {
            Parse = new ParseDefinition { Format = ParseFormat.Csv, Delimiter = ";", SkipRows = 1, JsonLayout = JsonLayout.Ndjson },
            HttpPagination = new HttpPagination { Kind = PaginationKind.NextLinkInBody, NextLinkPath = "links.next" },
            HttpHeaders = new() { ["X-Tenant"] = "acme" },
        };
        var flow = new Flow { Name = "New" };

        form.ApplyTo(flow);
        var read = FlowForm.From(flow);

        Assert.Equal(form.Parse, read.Parse);
        Assert.Equal(form.HttpPagination, read.HttpPagination);
        Assert.Equal(form.HttpHeaders, read.HttpHeaders);
        Assert.Contains("\"jsonLayout\":\"Ndjson\"", flow.ParseOptions, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"NextLinkInBody\"", flow.HttpPagination, StringComparison.Ordinal);
    }

    [Fact]
    public void No_pagination_and_no_headers_store_nothing()
    {
        var flow = new Flow { Name = "Plain", HttpPagination = "x", HttpHeaders = "y" };

        new FlowForm().ApplyTo(flow);

        Assert.Null(flow.HttpPagination);
        Assert.Null(flow.HttpHeaders);
    }
}

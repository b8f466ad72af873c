using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Sources.Http;

/// <summary>Where the pages of an HTTP source are and when they end, for each pagination style.</summary>
internal sealed class PageSequence
{
    private readonly HttpPagination _paging;
    private readonly ParseDefinition _parse;
    private readonly Uri _baseUrl;

    public PageSequence(HttpSourceDefinition source, ParseDefinition parse, HttpRequestFactory requests)
    {
        _paging = source.Pagination;
        _parse = parse;
        _baseUrl = source.Url;
        var origin = requests.Redact(source.Url);
        if (_paging.Kind == PaginationKind.NextLinkInBody && string.IsNullOrWhiteSpace(_paging.NextLinkPath))
        {
            throw new EtlDataException("next-link pagination needs the JSON path of the next link", origin);
        }
        if (_paging.Kind == PaginationKind.OffsetLimit && _paging.PageSize is not > 0)
        {
            throw new EtlDataException("offset/limit pagination needs a page size above zero", origin);
        }
    }

    /// <summary>Whether a page must be read (buffered) before the next one is known.</summary>
    public bool NeedsBody => _paging.Kind is PaginationKind.NextLinkInBody or PaginationKind.PageNumber or PaginationKind.OffsetLimit;

    public Uri First => UrlOf(1);

    /// <summary>The next page's URL (null after the last page) and whether this page holds records at all.</summary>
    public async Task<(Uri? Next, bool HasRecords)> NextAsync(HttpResponseMessage response, Stream content, Uri url, int number,
        string origin, CancellationToken cancellationToken)
    {
        switch (_paging.Kind)
        {
            case PaginationKind.LinkHeader:
                return (LinkHeader.FindNext(response, url), true);
            case PaginationKind.NextLinkInBody:
                return (await JsonPage.NextLinkAsync(content, _paging.NextLinkPath!, url, origin, cancellationToken), true);
            case PaginationKind.PageNumber:
            {
                var records = await JsonPage.CountRecordsAsync(content, _parse, number == 1, origin, cancellationToken);
                return records == 0 ? (null, false) : (UrlOf(number + 1), true);
            }
            case PaginationKind.OffsetLimit:
            {
                var records = await JsonPage.CountRecordsAsync(content, _parse, number == 1, origin, cancellationToken);
                return (records < _paging.PageSize ? null : UrlOf(number + 1), records > 0);
            }
            default:
                return (null, true);
        }
    }

    private Uri UrlOf(int number)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        switch (_paging.Kind)
        {
            case PaginationKind.PageNumber:
                var url = QueryString.With(_baseUrl, _paging.PageParameter, (_paging.StartPage + number - 1).ToString(inv));
                return _paging.PageSize is { } size ? QueryString.With(url, _paging.LimitParameter, size.ToString(inv)) : url;
            case PaginationKind.OffsetLimit:
                var limit = _paging.PageSize!.Value;
                var offset = (long)(number - 1) * limit;
                return QueryString.With(QueryString.With(_baseUrl, _paging.OffsetParameter, offset.ToString(inv)),
                    _paging.LimitParameter, limit.ToString(inv));
            default:
                return _baseUrl;
        }
    }
}

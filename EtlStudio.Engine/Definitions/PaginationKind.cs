namespace EtlStudio.Engine.Definitions;

/// <summary>Pagination styles for HTTP sources.</summary>
public enum PaginationKind
{
    /// <summary>One request.</summary>
    None,
    /// <summary>The body carries the next page's URL at <see cref="HttpPagination.NextLinkPath"/>.</summary>
    NextLinkInBody,
    /// <summary>RFC 8288 <c>Link: &lt;…&gt;; rel="next"</c> header.</summary>
    LinkHeader,
    /// <summary><c>?page=N</c> from <see cref="HttpPagination.StartPage"/> until a page has no records.</summary>
    PageNumber,
    /// <summary><c>?offset=N&amp;limit=M</c> until a page has fewer than M records.</summary>
    OffsetLimit,
}

namespace EtlStudio.Engine.Definitions;

/// <summary>HTTP pagination settings.</summary>
public sealed record HttpPagination
{
    /// <summary>Style.</summary>
    public PaginationKind Kind { get; init; } = PaginationKind.None;
    /// <summary>JSON path of the next link in the body (NextLinkInBody), e.g. <c>links.next</c>.</summary>
    public string? NextLinkPath { get; init; }
    /// <summary>Query parameter for the page number (PageNumber).</summary>
    public string PageParameter { get; init; } = "page";
    /// <summary>First page number (PageNumber).</summary>
    public int StartPage { get; init; } = 1;
    /// <summary>Query parameter for the page size (PageNumber, optional) or limit (OffsetLimit).</summary>
    public string LimitParameter { get; init; } = "limit";
    /// <summary>Query parameter for the offset (OffsetLimit).</summary>
    public string OffsetParameter { get; init; } = "offset";
    /// <summary>Page size sent (OffsetLimit; PageNumber when set).</summary>
    public int? PageSize { get; init; }
    /// <summary>Safety stop.</summary>
    public int MaxPages { get; init; } = 10_000;
}

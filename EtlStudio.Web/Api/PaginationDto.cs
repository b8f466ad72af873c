using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Api;

/// <summary>How an HTTP source pages, as the API shows and takes it; mapped to and from the engine's
/// <see cref="HttpPagination"/> by hand. Omitted: one request.</summary>
internal sealed record PaginationDto
{
    public PaginationKind Kind { get; init; } = PaginationKind.None;
    public string? NextLinkPath { get; init; }
    public string PageParameter { get; init; } = "page";
    public int StartPage { get; init; } = 1;
    public string LimitParameter { get; init; } = "limit";
    public string OffsetParameter { get; init; } = "offset";
    public int? PageSize { get; init; }
    public int MaxPages { get; init; } = 10_000;

    public static PaginationDto From(HttpPagination paging)
    {
        ArgumentNullException.ThrowIfNull(paging);
        return new()
        {
            Kind = paging.Kind,
            NextLinkPath = paging.NextLinkPath,
            PageParameter = paging.PageParameter,
            StartPage = paging.StartPage,
            LimitParameter = paging.LimitParameter,
            OffsetParameter = paging.OffsetParameter,
            PageSize = paging.PageSize,
            MaxPages = paging.MaxPages,
        };
    }

    public HttpPagination ToDefinition() => new()
    {
        Kind = Kind,
        NextLinkPath = NextLinkPath,
        PageParameter = PageParameter,
        StartPage = StartPage,
        LimitParameter = LimitParameter,
        OffsetParameter = OffsetParameter,
        PageSize = PageSize,
        MaxPages = MaxPages,
    };
}

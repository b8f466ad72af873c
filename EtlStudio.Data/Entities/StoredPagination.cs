using EtlStudio.Engine.Definitions;

namespace EtlStudio.Data.Entities;

/// <summary>The shape of <see cref="Flow.HttpPagination"/>: the stored JSON's own record, mapped to and from the engine's
/// <see cref="HttpPagination"/> by hand, so renaming an engine property is not a migration.</summary>
public sealed record StoredPagination
{
    public PaginationKind Kind { get; init; } = PaginationKind.None;
    public string? NextLinkPath { get; init; }
    public string PageParameter { get; init; } = "page";
    public int StartPage { get; init; } = 1;
    public string LimitParameter { get; init; } = "limit";
    public string OffsetParameter { get; init; } = "offset";
    public int? PageSize { get; init; }
    public int MaxPages { get; init; } = 10_000;

    public static StoredPagination From(HttpPagination paging)
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

namespace EtlStudio.Web.Api;

/// <summary>One page of a list, newest first, with the total count across all pages.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);

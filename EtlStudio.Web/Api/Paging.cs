namespace EtlStudio.Web.Api;

/// <summary>The bounds of <c>page</c> and <c>pageSize</c> on list endpoints. The rows skipped, (page − 1) × pageSize, must
/// fit an <see cref="int"/>: past that the offset would wrap round and a far page would answer with the first one.</summary>
internal static class Paging
{
    public const int MaxPageSize = 500;

    /// <summary>The problems with a page request, by parameter name; empty when it is fine.</summary>
    public static Dictionary<string, string> Problems(int page, int pageSize)
    {
        var problems = new Dictionary<string, string>();
        var sizeFine = pageSize is >= 1 and <= MaxPageSize;
        if (page < 1)
        {
            problems["page"] = "page must be 1 or more.";
        }
        else if (sizeFine && page > MaxPage(pageSize))
        {
            problems["page"] = $"page must be at most {MaxPage(pageSize)} with pageSize {pageSize} (no list is that long).";
        }
        if (!sizeFine) problems["pageSize"] = $"pageSize must be between 1 and {MaxPageSize}.";
        return problems;
    }

    /// <summary>The rows before <paramref name="page"/>; call after <see cref="Problems"/> found none.</summary>
    public static int Skip(int page, int pageSize) => (page - 1) * pageSize;

    private static int MaxPage(int pageSize) => int.MaxValue / pageSize;
}

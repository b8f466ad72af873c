using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Sources.Database;

/// <summary>The SQL of a query partition, per database: the user's query as a derived table, filtered on its partition
/// column (<c>SELECT * FROM (&lt;query&gt;) q WHERE q."id" &gt;= @etl_lo AND q."id" &lt; @etl_hi</c>), and the MIN/MAX query that
/// finds bounds that were not declared. The column is quoted (so it is matched exactly as the query returns it) and the
/// bounds are parameters, never text in the SQL.</summary>
/// <remarks>The derived table has no <c>AS</c> (Oracle refuses it for a table alias) and the query stands on lines of
/// its own (a trailing <c>-- comment</c> must not swallow the closing parenthesis); a trailing semicolon is dropped. SQL
/// Server refuses an <c>ORDER BY</c> in a derived table without <c>TOP</c>/<c>OFFSET</c>: such a query cannot be
/// partitioned there.</remarks>
internal static class PartitionSql
{
    /// <summary>Parameter names of the range bounds, chosen not to meet a user's own (<c>@cursor</c>).</summary>
    public const string LowerParameter = "etl_lo", UpperParameter = "etl_hi";

    public static string Quote(DatabaseProvider provider, string identifier) => provider switch
    {
        DatabaseProvider.SqlServer => $"[{identifier.Replace("]", "]]", StringComparison.Ordinal)}]",
        _ => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"",
    };

    public static string Parameter(DatabaseProvider provider, string name) => provider == DatabaseProvider.Oracle ? $":{name}" : $"@{name}";

    /// <summary>The query that reads only <paramref name="range"/>'s rows of <paramref name="query"/>.</summary>
    public static string Wrap(DatabaseProvider provider, string query, QueryRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var column = $"q.{Quote(provider, range.Column)}";
        var lo = Parameter(provider, LowerParameter);
        var hi = Parameter(provider, UpperParameter);
        var where = (range.Lower, range.Upper) switch
        {
            (null, null) => null,
            (null, _) => $"({column} < {hi} OR {column} IS NULL)",
            (_, null) => $"{column} >= {lo}",
            _ => $"{column} >= {lo} AND {column} < {hi}",
        };
        return $"SELECT * FROM (\n{Inner(query)}\n) q{(where is null ? "" : $" WHERE {where}")}";
    }

    /// <summary>The smallest and largest non-NULL value of <paramref name="column"/> in <paramref name="query"/>'s result.</summary>
    public static string Bounds(DatabaseProvider provider, string query, string column)
    {
        var c = $"q.{Quote(provider, column)}";
        return $"SELECT MIN({c}), MAX({c}) FROM (\n{Inner(query)}\n) q";
    }

    private static string Inner(string query) => query.TrimEnd().TrimEnd(';').TrimEnd();
}

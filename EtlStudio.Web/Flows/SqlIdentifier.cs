using System.Text.RegularExpressions;

namespace EtlStudio.Web.Flows;

/// <summary>Which table and column names a flow may name. Loaders quote identifiers, but a name is also shown in
/// messages, logs and generated SQL, so only plain identifiers are accepted: a letter or underscore, then letters,
/// digits or underscores (<c>order_lines</c>), and for tables optionally one schema (<c>sales.order_lines</c>).
/// Anything else (<c>x; DROP TABLE y</c>, quotes, brackets, spaces) is refused when the flow is saved.</summary>
internal static partial class SqlIdentifier
{
    /// <summary>True for a plain identifier such as <c>customer_id</c>.</summary>
    public static bool IsPlain(string? name) => name is not null && Plain().IsMatch(name);

    /// <summary>True for <c>table</c> or <c>schema.table</c>, each part a plain identifier.</summary>
    public static bool IsTable(string? name) => name is not null && Table().IsMatch(name);

    /// <summary>Why <paramref name="name"/> is refused as a column name.</summary>
    public static string ColumnProblem(string name) =>
        $"'{name}' is not a plain column name: use letters, digits and underscores, starting with a letter or underscore.";

    /// <summary>Why <paramref name="name"/> is refused as a table name.</summary>
    public static string TableProblem(string name) =>
        $"'{name}' is not a plain table name: use table or schema.table, with letters, digits and underscores, each part starting with a letter or underscore.";

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex Plain();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?\z")]
    private static partial Regex Table();
}

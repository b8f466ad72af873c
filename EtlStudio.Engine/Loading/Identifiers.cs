namespace EtlStudio.Engine.Loading;

/// <summary>Quotes identifiers that came from the destination catalog. Quoting is the second line of defence:
/// names are first matched against the catalog, so a name the database does not know never reaches SQL.</summary>
internal static class Identifiers
{
    /// <summary>ANSI quoting (PostgreSQL, SQLite): <c>"a""b"</c>.</summary>
    public static string Ansi(string name) => "\"" + Checked(name).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>SQL Server quoting: <c>[a]]b]</c>.</summary>
    public static string Bracket(string name) => "[" + Checked(name).Replace("]", "]]", StringComparison.Ordinal) + "]";

    /// <summary>Oracle quoting: <c>"A"</c>; Oracle has no escape for a double quote inside a quoted name, so such a name is refused.</summary>
    public static string Oracle(string name) => name.Contains('"', StringComparison.Ordinal)
        ? throw new EtlDataException($"Oracle identifier {name} contains a double quote, which Oracle cannot quote.")
        : "\"" + Checked(name) + "\"";

    private static string Checked(string name) => name.Length == 0 || name.Contains('\0', StringComparison.Ordinal)
        ? throw new EtlDataException("An identifier is empty or contains a NUL character.")
        : name;
}

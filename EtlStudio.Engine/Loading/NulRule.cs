namespace EtlStudio.Engine.Loading;

/// <summary>Whether a text column can hold U+0000.</summary>
internal enum NulRule
{
    /// <summary>It can (SQL Server, Oracle, SQLite).</summary>
    Allowed,

    /// <summary>It cannot: PostgreSQL text, varchar, char and json.</summary>
    Refused,

    /// <summary>Neither the character nor its JSON escape <c>\u0000</c>: PostgreSQL jsonb.</summary>
    RefusedAlsoEscaped,
}

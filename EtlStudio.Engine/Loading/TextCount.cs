namespace EtlStudio.Engine.Loading;

/// <summary>How a database counts a text value against a column's length.</summary>
internal enum TextCount
{
    /// <summary>UTF-16 code units, as .NET does (SQL Server <c>nchar</c>/<c>nvarchar</c>).</summary>
    Utf16,

    /// <summary>Characters (code points): a surrogate pair is one. Also the lower bound for a byte length, since every
    /// character takes at least one byte (SQL Server <c>varchar</c>, Oracle byte semantics).</summary>
    CodePoints,

    /// <summary>Characters, where an excess made only of spaces is cut rather than refused (PostgreSQL
    /// <c>varchar(n)</c> and <c>char(n)</c>).</summary>
    CodePointsSpacesCut,
}

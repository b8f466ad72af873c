namespace EtlStudio.Engine.Mapping.Lookups;

/// <summary>A lookup's source could not be read for a reason that is not its data or its definition: an unreachable
/// database, a connection dropped while reading, a storage account that does not answer. The message starts with
/// <c>lookup 'name': </c>; the inner exception is the cause, and decides whether a retry may help.</summary>
/// <remarks>Bad data and bad definitions are <see cref="EtlDataException"/>s instead: retrying does not fix them.</remarks>
public sealed class LookupLoadException : Exception
{
    /// <summary>Creates the exception for lookup <paramref name="lookup"/>, reading <paramref name="source"/>.</summary>
    public LookupLoadException(string lookup, string source, Exception inner)
        : base($"lookup '{lookup}': reading {source} failed: {inner?.Message}", inner)
    {
        Lookup = lookup;
    }

    /// <summary>The lookup's name.</summary>
    public string Lookup { get; }
}

using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Loading;

/// <summary>Gives the loader for a database provider.</summary>
public interface ILoaderFactory
{
    /// <summary>The loader for <paramref name="provider"/>.</summary>
    IDestinationLoader Create(DatabaseProvider provider);
}

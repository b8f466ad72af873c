using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading.Oracle;
using EtlStudio.Engine.Loading.Postgres;
using EtlStudio.Engine.Loading.Sqlite;
using EtlStudio.Engine.Loading.SqlServer;

namespace EtlStudio.Engine.Loading;

/// <summary>Gives the loader for each database. Loaders are stateless (a session holds the connection), so one instance
/// per provider serves every run.</summary>
public sealed class LoaderFactory : ILoaderFactory
{
    private readonly PostgresLoader _postgres = new();
    private readonly SqlServerLoader _sqlServer = new();
    private readonly OracleLoader _oracle = new();
    private readonly SqliteLoader _sqlite = new();

    /// <inheritdoc />
    public IDestinationLoader Create(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.PostgreSql => _postgres,
        DatabaseProvider.SqlServer => _sqlServer,
        DatabaseProvider.Oracle => _oracle,
        DatabaseProvider.Sqlite => _sqlite,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };
}

using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading.Oracle;
using EtlStudio.Engine.Loading.Postgres;
using EtlStudio.Engine.Loading.Sqlite;
using EtlStudio.Engine.Loading.SqlServer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EtlStudio.Engine.Loading;

/// <summary>Gives the loader for each database. Loaders are stateless (a session holds the connection), so one instance
/// per provider serves every run.</summary>
public sealed class LoaderFactory : ILoaderFactory
{
    private readonly PostgresLoader _postgres;
    private readonly SqlServerLoader _sqlServer;
    private readonly OracleLoader _oracle;
    private readonly SqliteLoader _sqlite;

    /// <summary>Creates the factory without logging.</summary>
    public LoaderFactory() : this(NullLoggerFactory.Instance) { }

    /// <summary>Creates the factory; loaders log batches, replaces and rolled-back replaces.</summary>
    public LoaderFactory(ILoggerFactory loggerFactory) : this(loggerFactory, postgresRawCopy: true) { }

    /// <param name="loggerFactory">Where loaders log.</param>
    /// <param name="postgresRawCopy">False sends every PostgreSQL load through <c>NpgsqlBinaryImporter</c> instead of the
    /// engine's own COPY encoder: for tests and benchmarks that compare the two.</param>
    internal LoaderFactory(ILoggerFactory loggerFactory, bool postgresRawCopy)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger<LoaderFactory>();
        (_postgres, _sqlServer, _oracle, _sqlite) = (new(logger, postgresRawCopy), new(logger), new(logger), new(logger));
    }

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

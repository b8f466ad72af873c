using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Data;

/// <summary>Hands out the provider context chosen by <c>Database:Provider</c> as the common <see cref="EtlDbContext"/>.
/// The choice is made when the factory is first resolved, not at registration, so configuration added by a test
/// host or an environment is seen.</summary>
internal sealed class ConfiguredEtlDbContextFactory : IDbContextFactory<EtlDbContext>
{
    private readonly Func<EtlDbContext> _create;
    private readonly IInterceptor[] _interceptors;

    public ConfiguredEtlDbContextFactory(DatabaseOptions options, IServiceProvider services)
    {
        if (options.Provider == ConfigDatabaseProvider.Sqlite)
        {
            CreateSqliteFolder(options.ConnectionString!);
        }
        // Interceptors the host registers (the audit log) join every context.
        _interceptors = services.GetServices<IInterceptor>().ToArray();
        _create = options.Provider switch
        {
            ConfigDatabaseProvider.Sqlite => Create(SqliteEtlDbContext.CreateOptions(options.ConnectionString!, services), o => new SqliteEtlDbContext(o)),
            ConfigDatabaseProvider.SqlServer => Create(SqlServerEtlDbContext.CreateOptions(options.ConnectionString!, services), o => new SqlServerEtlDbContext(o)),
            ConfigDatabaseProvider.PostgreSql => Create(PostgresEtlDbContext.CreateOptions(options.ConnectionString!, services), o => new PostgresEtlDbContext(o)),
            _ => throw new DatabaseStartupException(DatabaseOptionsValidator.UnsupportedProvider(options.Provider.ToString())),
        };
    }

    public EtlDbContext CreateDbContext() => _create();

    private static void CreateSqliteFolder(string connectionString)
    {
        try
        {
            SqliteEtlDbContext.CreateFolder(connectionString);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseStartupException(
                $"Cannot create the folder of the Sqlite configuration database (check {DatabaseOptions.Section}:{nameof(DatabaseOptions.ConnectionString)}): {ex.Message}", ex);
        }
    }

    private Func<EtlDbContext> Create<TContext>(DbContextOptions<TContext> options, Func<DbContextOptions<TContext>, TContext> create)
        where TContext : EtlDbContext
    {
        var withInterceptors = _interceptors.Length == 0 ? options : new DbContextOptionsBuilder<TContext>(options).AddInterceptors(_interceptors).Options;
        return () => create(withInterceptors);
    }
}

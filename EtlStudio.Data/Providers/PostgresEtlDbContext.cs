using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Data;

/// <summary>PostgreSQL flavour of the model. Migrations in <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresEtlDbContext(DbContextOptions<PostgresEtlDbContext> options) : EtlDbContext(options)
{
    /// <summary>Options for a PostgreSQL database.</summary>
    public static DbContextOptions<PostgresEtlDbContext> CreateOptions(string connectionString, IServiceProvider? applicationServices = null) =>
        new DbContextOptionsBuilder<PostgresEtlDbContext>().UseNpgsql(connectionString).UseApplicationServiceProvider(applicationServices).Options;
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EtlStudio.Data;

/// <summary>PostgreSQL flavour of the model. Migrations in <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresEtlDbContext(DbContextOptions<PostgresEtlDbContext> options) : EtlDbContext(options)
{
    /// <summary>Options for a PostgreSQL database.</summary>
    public static DbContextOptions<PostgresEtlDbContext> CreateOptions(string connectionString, IServiceProvider? applicationServices = null) =>
        new DbContextOptionsBuilder<PostgresEtlDbContext>().UseNpgsql(connectionString).UseApplicationServiceProvider(applicationServices).Options;
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context without a server.</summary>
public sealed class PostgresEtlDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgresEtlDbContext>
{
    /// <inheritdoc />
    public PostgresEtlDbContext CreateDbContext(string[] args) => new(PostgresEtlDbContext.CreateOptions("Host=localhost;Database=etlstudio"));
}

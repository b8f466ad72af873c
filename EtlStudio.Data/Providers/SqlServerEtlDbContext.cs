using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Data;

/// <summary>SQL Server / Azure SQL flavour of the model. Migrations in <c>Migrations/SqlServer</c>.</summary>
public sealed class SqlServerEtlDbContext(DbContextOptions<SqlServerEtlDbContext> options) : EtlDbContext(options)
{
    /// <summary>Options for a SQL Server or Azure SQL database.</summary>
    public static DbContextOptions<SqlServerEtlDbContext> CreateOptions(string connectionString, IServiceProvider? applicationServices = null) =>
        new DbContextOptionsBuilder<SqlServerEtlDbContext>().UseSqlServer(connectionString).UseApplicationServiceProvider(applicationServices).Options;
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EtlStudio.Data;

/// <summary>SQL Server / Azure SQL flavour of the model. Migrations in <c>Migrations/SqlServer</c>.</summary>
public sealed class SqlServerEtlDbContext(DbContextOptions<SqlServerEtlDbContext> options) : EtlDbContext(options)
{
    /// <summary>Options for a SQL Server or Azure SQL database.</summary>
    public static DbContextOptions<SqlServerEtlDbContext> CreateOptions(string connectionString, IServiceProvider? applicationServices = null) =>
        new DbContextOptionsBuilder<SqlServerEtlDbContext>().UseSqlServer(connectionString).UseApplicationServiceProvider(applicationServices).Options;
}

/// <summary>Lets <c>dotnet ef</c> build the SQL Server context (and script its migrations) without a server.</summary>
public sealed class SqlServerEtlDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerEtlDbContext>
{
    /// <inheritdoc />
    public SqlServerEtlDbContext CreateDbContext(string[] args) =>
        new(SqlServerEtlDbContext.CreateOptions("Server=localhost;Database=EtlStudio;Integrated Security=true;TrustServerCertificate=true"));
}

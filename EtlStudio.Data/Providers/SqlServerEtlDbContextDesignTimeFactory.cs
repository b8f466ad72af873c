using Microsoft.EntityFrameworkCore.Design;

namespace EtlStudio.Data;

/// <summary>Lets <c>dotnet ef</c> build the SQL Server context (and script its migrations) without a server.</summary>
public sealed class SqlServerEtlDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerEtlDbContext>
{
    /// <inheritdoc />
    public SqlServerEtlDbContext CreateDbContext(string[] args) =>
        new(SqlServerEtlDbContext.CreateOptions("Server=localhost;Database=EtlStudio;Integrated Security=true;TrustServerCertificate=true"));
}

using Microsoft.EntityFrameworkCore.Design;

namespace EtlStudio.Data;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context without a server.</summary>
public sealed class PostgresEtlDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgresEtlDbContext>
{
    /// <inheritdoc />
    public PostgresEtlDbContext CreateDbContext(string[] args) => new(PostgresEtlDbContext.CreateOptions("Host=localhost;Database=etlstudio"));
}

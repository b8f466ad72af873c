using Microsoft.EntityFrameworkCore.Design;

namespace EtlStudio.Data;

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without touching a database.</summary>
public sealed class SqliteEtlDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqliteEtlDbContext>
{
    /// <inheritdoc />
    public SqliteEtlDbContext CreateDbContext(string[] args) => new(SqliteEtlDbContext.CreateOptions("Data Source=design-time.db"));
}

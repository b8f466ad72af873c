using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EtlStudio.Data;

/// <summary>SQLite flavour of the model: the embedded default. Migrations in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteEtlDbContext(DbContextOptions<SqliteEtlDbContext> options) : EtlDbContext(options)
{
    /// <summary>Options for a SQLite database.</summary>
    public static DbContextOptions<SqliteEtlDbContext> CreateOptions(string connectionString, IServiceProvider? applicationServices = null) =>
        new DbContextOptionsBuilder<SqliteEtlDbContext>().UseSqlite(connectionString).UseApplicationServiceProvider(applicationServices).Options;

    /// <summary>Makes a relative database file absolute against <paramref name="contentRoot"/> (the working directory
    /// differs between <c>dotnet run</c>, a service and tests) and creates its folder.</summary>
    internal static string ResolveConnectionString(string? connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString ?? DatabaseOptions.DefaultSqliteConnectionString);
        var file = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || file.Length == 0 || file == ":memory:" || file.StartsWith("file:", StringComparison.Ordinal))
        {
            return builder.ToString();
        }
        builder.DataSource = Path.GetFullPath(file, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        return builder.ToString();
    }
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without touching a database.</summary>
public sealed class SqliteEtlDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqliteEtlDbContext>
{
    /// <inheritdoc />
    public SqliteEtlDbContext CreateDbContext(string[] args) => new(SqliteEtlDbContext.CreateOptions("Data Source=design-time.db"));
}

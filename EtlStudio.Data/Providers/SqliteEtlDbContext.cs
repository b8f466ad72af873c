using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Data;

/// <summary>SQLite flavour of the model: the embedded default. Migrations in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteEtlDbContext(DbContextOptions<SqliteEtlDbContext> options) : EtlDbContext(options)
{
    /// <summary>Options for a SQLite database.</summary>
    public static DbContextOptions<SqliteEtlDbContext> CreateOptions(string connectionString, IServiceProvider? applicationServices = null) =>
        new DbContextOptionsBuilder<SqliteEtlDbContext>().UseSqlite(connectionString).UseApplicationServiceProvider(applicationServices).Options;

    /// <summary>Makes a relative database file absolute against <paramref name="contentRoot"/>: the working directory
    /// differs between <c>dotnet run</c>, a service and tests.</summary>
    internal static string ResolveConnectionString(string? connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString ?? DatabaseOptions.DefaultSqliteConnectionString);
        if (DatabaseFile(builder) is { } file)
        {
            builder.DataSource = Path.GetFullPath(file, contentRoot);
        }
        return builder.ToString();
    }

    /// <summary>Creates the folder of the database file; SQLite creates the file but not its folder.</summary>
    internal static void CreateFolder(string connectionString)
    {
        if (DatabaseFile(new SqliteConnectionStringBuilder(connectionString)) is { } file && Path.GetDirectoryName(file) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
    }

    private static string? DatabaseFile(SqliteConnectionStringBuilder builder) =>
        builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:" || builder.DataSource.StartsWith("file:", StringComparison.Ordinal)
            ? null
            : builder.DataSource;
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EtlStudio.Data;

/// <summary>Registers the configuration database.</summary>
public static class DataExtensions
{
    /// <summary>Registers <see cref="IDbContextFactory{EtlDbContext}"/> for the configured provider
    /// (section <c>Database</c>). PROVISIONAL: SQLite only, replaced by the per-provider version.</summary>
    public static IHostApplicationBuilder AddEtlStudioData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var path = Path.Combine(builder.Environment.ContentRootPath, "data", "etlstudio.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connectionString = builder.Configuration["Database:ConnectionString"] ?? $"Data Source={path}";
        builder.Services.AddDbContextFactory<SqliteEtlDbContext>(o => o.UseSqlite(connectionString));
        builder.Services.AddSingleton<IDbContextFactory<EtlDbContext>>(sp =>
            new UpcastFactory(sp.GetRequiredService<IDbContextFactory<SqliteEtlDbContext>>()));
        return builder;
    }

    /// <summary>Creates or migrates the database at start-up. PROVISIONAL: EnsureCreated.</summary>
    public static async Task InitializeEtlStudioDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<EtlDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.EnsureCreatedAsync(cancellationToken);
    }

    private sealed class UpcastFactory(IDbContextFactory<SqliteEtlDbContext> inner) : IDbContextFactory<EtlDbContext>
    {
        public EtlDbContext CreateDbContext() => inner.CreateDbContext();
    }
}

/// <summary>SQLite flavour of the model.</summary>
public sealed class SqliteEtlDbContext(DbContextOptions<SqliteEtlDbContext> options) : EtlDbContext(options);

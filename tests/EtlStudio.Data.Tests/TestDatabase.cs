using EtlStudio.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EtlStudio.Data.Tests;

/// <summary>A host wired like the portal (<c>AddEtlStudioData</c>) over a temporary content root.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(IHost host, string contentRoot)
    {
        Host = host;
        ContentRoot = contentRoot;
    }

    public IHost Host { get; }

    public string ContentRoot { get; }

    public IDbContextFactory<EtlDbContext> Contexts => Host.Services.GetRequiredService<IDbContextFactory<EtlDbContext>>();

    /// <summary>A migrated, empty database: SQLite at its default place under the content root, or a fresh PostgreSQL database.</summary>
    public static async Task<TestDatabase> CreateAsync(ConfigDatabaseProvider provider, PostgresServer postgres)
    {
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = provider.ToString() };
        if (provider == ConfigDatabaseProvider.PostgreSql)
        {
            settings["Database:ConnectionString"] = await postgres.CreateDatabaseAsync("data");
        }
        var database = Build(settings);
        await database.Host.Services.InitializeEtlStudioDatabaseAsync(TestContext.Current.CancellationToken);
        return database;
    }

    /// <summary>Saves the entities in a context of their own, as one portal request would.</summary>
    public async Task AddAsync(params object[] entities)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await Contexts.CreateDbContextAsync(ct);
        db.AddRange(entities);
        await db.SaveChangesAsync(ct);
    }

    public static TestDatabase Build(IDictionary<string, string?> settings)
    {
        var contentRoot = Directory.CreateTempSubdirectory("etldata.").FullName;
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddEtlStudioData();
        return new TestDatabase(builder.Build(), contentRoot);
    }

    public ValueTask DisposeAsync()
    {
        Host.Dispose();
        // Pooled SQLite connections keep the file open.
        SqliteConnection.ClearAllPools();
        Directory.Delete(ContentRoot, recursive: true);
        return ValueTask.CompletedTask;
    }
}

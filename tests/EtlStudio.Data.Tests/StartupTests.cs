using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using EtlStudio.Testing;
using Microsoft.Extensions.Options;

namespace EtlStudio.Data.Tests;

public sealed class StartupTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("SqlServer")]
    public async Task A_server_provider_without_a_connection_string_names_the_key(string provider)
    {
        await using var database = TestDatabase.Build(new Dictionary<string, string?> { ["Database:Provider"] = provider });

        var error = await InitializeFailsAsync(database);

        Assert.Equal($"Database:ConnectionString is required when Database:Provider is {provider}", error.Message);
        var startError = await Assert.ThrowsAsync<OptionsValidationException>(() => database.Host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Database:ConnectionString is required", startError.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("7")]
    public async Task An_unknown_provider_names_the_key_and_the_supported_values(string provider)
    {
        await using var database = TestDatabase.Build(new Dictionary<string, string?> { ["Database:Provider"] = provider });

        var error = await InitializeFailsAsync(database);

        Assert.Equal($"Database:Provider '{provider}' is not supported; use Sqlite, SqlServer, PostgreSql", error.Message);
    }

    [Fact]
    public async Task A_malformed_connection_string_names_the_key_without_echoing_the_password()
    {
        await using var database = TestDatabase.Build(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = "Host=db;Password=hunter2;Colour=blue",
        });

        var error = await InitializeFailsAsync(database);

        Assert.StartsWith("Database:ConnectionString is not a valid PostgreSql connection string: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task An_unreachable_PostgreSQL_gives_one_line_naming_the_provider_and_the_key(string migrateOnStartup)
    {
        // Nobody listens on a port that was just free.
        await using var database = TestDatabase.Build(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = $"Host=127.0.0.1;Port={FreePort.Next()};Username=postgres;Password=secret;Database=etl",
            ["Database:MigrateOnStartup"] = migrateOnStartup,
        });

        var error = await InitializeFailsAsync(database);

        Assert.StartsWith("Cannot reach the PostgreSql configuration database (check Database:ConnectionString): ", error.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_migrate_on_startup_an_empty_PostgreSQL_database_names_the_missing_migration()
    {
        await using var database = TestDatabase.Build(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = await postgres.CreateDatabaseAsync("empty"),
            ["Database:MigrateOnStartup"] = "false",
        });

        var error = await InitializeFailsAsync(database);

        Assert.Matches(@"^The PostgreSql configuration database lacks \d+ migration\(s\) starting at \d+_Initial \(.*Database:MigrateOnStartup.*\)$", error.Message);
    }

    [Fact]
    public async Task Without_migrate_on_startup_a_missing_SQLite_file_is_reported_not_created()
    {
        await using var database = TestDatabase.Build(new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" });

        var error = await InitializeFailsAsync(database);

        Assert.StartsWith("The Sqlite configuration database does not exist", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(database.ContentRoot, "data", "etlstudio.db")));
    }

    [Fact]
    public async Task A_file_that_is_not_a_SQLite_database_cannot_be_migrated_and_says_why()
    {
        await using var database = TestDatabase.Build(new Dictionary<string, string?>());
        Directory.CreateDirectory(Path.Combine(database.ContentRoot, "data"));
        await File.WriteAllTextAsync(Path.Combine(database.ContentRoot, "data", "etlstudio.db"), new string('x', 4096), TestContext.Current.CancellationToken);

        var error = await InitializeFailsAsync(database);

        Assert.StartsWith("Cannot migrate the Sqlite configuration database (check Database:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("file is not a database'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task By_default_SQLite_is_created_in_the_data_folder_of_the_content_root_and_migrated()
    {
        await using var database = TestDatabase.Build(new Dictionary<string, string?>());

        await database.Host.Services.InitializeEtlStudioDatabaseAsync(TestContext.Current.CancellationToken);

        var file = Path.Combine(database.ContentRoot, "data", "etlstudio.db");
        Assert.True(File.Exists(file));
        Assert.Equal($"Data Source={file}", database.Host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString);
        await using var db = await database.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.IsType<SqliteEtlDbContext>(db);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_relative_SQLite_file_is_resolved_against_the_content_root()
    {
        await using var database = TestDatabase.Build(new Dictionary<string, string?> { ["Database:ConnectionString"] = "Data Source=state/etl.sqlite;Cache=Shared" });

        await database.Host.Services.InitializeEtlStudioDatabaseAsync(TestContext.Current.CancellationToken);

        Assert.True(File.Exists(Path.Combine(database.ContentRoot, "state", "etl.sqlite")));
    }

    [Fact]
    public async Task A_SQLite_folder_that_cannot_be_created_names_the_key()
    {
        await using var database = TestDatabase.Build(new Dictionary<string, string?>());
        await File.WriteAllTextAsync(Path.Combine(database.ContentRoot, "data"), "a file where the folder should be", TestContext.Current.CancellationToken);

        var error = await InitializeFailsAsync(database);

        Assert.StartsWith("Cannot create the folder of the Sqlite configuration database (check Database:ConnectionString): ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_twice_on_a_migrated_database_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(ConfigDatabaseProvider.PostgreSql, postgres);

        await database.Host.Services.InitializeEtlStudioDatabaseAsync(TestContext.Current.CancellationToken);

        await using var db = await database.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.IsType<PostgresEtlDbContext>(db);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<DatabaseStartupException> InitializeFailsAsync(TestDatabase database)
    {
        var error = await Assert.ThrowsAsync<DatabaseStartupException>(
            () => database.Host.Services.InitializeEtlStudioDatabaseAsync(TestContext.Current.CancellationToken));
        TestContext.Current.TestOutputHelper?.WriteLine(error.Message);
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }
}

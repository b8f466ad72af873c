using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EtlStudio.Data;

/// <summary>Registers and prepares the configuration database.</summary>
public static class DataExtensions
{
    /// <summary>Binds section <c>Database</c> (validated at start) and registers
    /// <see cref="IDbContextFactory{EtlDbContext}"/> for the configured provider.</summary>
    public static IHostApplicationBuilder AddEtlStudioData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .PostConfigure<IHostEnvironment>(ResolveSqliteFile)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        builder.Services.AddSingleton<IDbContextFactory<EtlDbContext>>(sp => new ConfiguredEtlDbContextFactory(ReadOptions(sp), sp));
        return builder;
    }

    /// <summary>Applies pending migrations when <c>Database:MigrateOnStartup</c> is true; otherwise checks that the
    /// database is reachable and up to date. Call it before the host starts.</summary>
    /// <exception cref="DatabaseStartupException">With a one-line message naming the provider and the key to fix.</exception>
    public static async Task InitializeEtlStudioDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = ReadOptions(services);
        var factory = services.GetRequiredService<IDbContextFactory<EtlDbContext>>();
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(DatabaseStartup)) ?? NullLogger.Instance;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var startup = new DatabaseStartup(db, options.Provider, logger);
        if (options.MigrateOnStartup)
        {
            await startup.MigrateAsync(cancellationToken);
        }
        else
        {
            await startup.VerifyAsync(cancellationToken);
        }
    }

    /// <summary>For SQLite, <see cref="DatabaseOptions.ConnectionString"/> becomes the default when unset and its file
    /// absolute, so whoever else reads the options (a job storage) opens the same file.</summary>
    private static void ResolveSqliteFile(DatabaseOptions options, IHostEnvironment environment)
    {
        if (options.Provider != ConfigDatabaseProvider.Sqlite) return;
        try
        {
            options.ConnectionString = SqliteEtlDbContext.ResolveConnectionString(options.ConnectionString, environment.ContentRootPath);
        }
        catch (ArgumentException)
        {
            // Left as configured: the validator reports the malformed connection string with its key.
        }
    }

    /// <summary>The bound, validated options, or a <see cref="DatabaseStartupException"/> saying which key is wrong.</summary>
    private static DatabaseOptions ReadOptions(IServiceProvider services)
    {
        try
        {
            return services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            throw new DatabaseStartupException(string.Join("; ", ex.Failures), ex);
        }
        catch (InvalidOperationException ex)
        {
            // The binder fails on a value it cannot convert (an unknown provider name, a non-boolean MigrateOnStartup)
            // with a message that names the key but not the allowed values.
            var provider = services.GetService<IConfiguration>()?[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"];
            var message = provider is not null && !Enum.TryParse<ConfigDatabaseProvider>(provider, ignoreCase: true, out _)
                ? DatabaseOptionsValidator.UnsupportedProvider(provider)
                : ex.Message.ReplaceLineEndings(" ");
            throw new DatabaseStartupException(message, ex);
        }
    }
}

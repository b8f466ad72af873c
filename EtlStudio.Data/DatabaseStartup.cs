using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Data;

/// <summary>Brings the configuration database up to date at start, turning every failure into a
/// <see cref="DatabaseStartupException"/> whose one-line message names the provider and the key to fix.</summary>
internal sealed partial class DatabaseStartup(EtlDbContext db, ConfigDatabaseProvider provider, ILogger logger)
{
    private const string ConnectionStringKey = $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.ConnectionString)}";
    private const string MigrateKey = $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.MigrateOnStartup)}";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var exists = await ExistsAsync(cancellationToken);
        try
        {
            var pending = exists ? (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList() : db.Database.GetMigrations().ToList();
            if (pending.Count == 0)
            {
                LogUpToDate(logger, provider);
            }
            else
            {
                LogMigrating(logger, pending.Count, provider, string.Join(", ", pending));
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (ConfigDatabaseWriteProbe.IsReadOnly(ex)) throw ReadOnly(ex);
            throw new DatabaseStartupException(
                $"Cannot migrate the {provider} configuration database (check {ConnectionStringKey} and the account's rights, " +
                $"or set {MigrateKey} to false and apply the migration script): {ShortReason(ex)}", ex);
        }
        await ProbeWritesAsync(cancellationToken);
    }

    public async Task VerifyAsync(CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(cancellationToken))
        {
            throw new DatabaseStartupException(
                $"The {provider} configuration database does not exist (check {ConnectionStringKey}, or set {MigrateKey} to true to create it)");
        }
        List<string> pending;
        try
        {
            pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new DatabaseStartupException(
                $"Cannot read the migration history of the {provider} configuration database (check {ConnectionStringKey}): {ShortReason(ex)}", ex);
        }
        if (pending.Count > 0)
        {
            throw new DatabaseStartupException(
                $"The {provider} configuration database lacks {pending.Count} migration(s) starting at {pending[0]} " +
                $"(apply the migration script, or set {MigrateKey} to true)");
        }
        LogUpToDate(logger, provider);
        await ProbeWritesAsync(cancellationToken);
    }

    /// <summary>A database that answers reads but refuses writes would start, say Healthy, and fail every save and run
    /// record with a bare 500: it stops the start instead.</summary>
    private async Task ProbeWritesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ConfigDatabaseWriteProbe.ProbeAsync(db, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw ConfigDatabaseWriteProbe.IsReadOnly(ex) ? ReadOnly(ex) : new DatabaseStartupException(
                $"The {provider} configuration database does not take writes (check {ConnectionStringKey} and the account's rights): {ShortReason(ex)}", ex);
        }
    }

    private DatabaseStartupException ReadOnly(Exception ex) => new(provider == ConfigDatabaseProvider.Sqlite
        ? $"The Sqlite configuration database {SqliteFile()} is read-only (make the file and its folder writable for this process, " +
          $"or fix {ConnectionStringKey}, e.g. remove Mode=ReadOnly): {ShortReason(ex)}"
        : $"The {provider} configuration database is read-only (check {ConnectionStringKey}: a primary server, and an account that may write): {ShortReason(ex)}", ex);

    private string SqliteFile() => new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;

    private async Task<bool> ExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Opens a connection (except SQLite, which checks the file): an unreachable server or a refused login fails here.
            return await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new DatabaseStartupException(
                $"Cannot reach the {provider} configuration database (check {ConnectionStringKey}): {ShortReason(ex)}", ex);
        }
    }

    /// <summary>The messages of the exception chain on one line, without repeats, starting at the driver's own error
    /// (EF wraps it in "likely due to a transient failure", which says nothing about the cause).</summary>
    private static string ShortReason(Exception exception)
    {
        var parts = new List<string>();
        var start = exception;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException)
            {
                start = e;
                break;
            }
        }
        for (var e = start; e is not null && parts.Count < 3; e = e.InnerException)
        {
            var line = e.Message.Split('\n', 2)[0].Trim().TrimEnd('.');
            if (line.Length > 0 && !parts.Exists(p => p.Contains(line, StringComparison.Ordinal)))
            {
                parts.Add(line);
            }
        }
        return string.Join(": ", parts);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) to the {Provider} configuration database: {Migrations}")]
    private static partial void LogMigrating(ILogger logger, int count, ConfigDatabaseProvider provider, string migrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Provider} configuration database is up to date")]
    private static partial void LogUpToDate(ILogger logger, ConfigDatabaseProvider provider);
}

using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EtlStudio.Data;

/// <summary>Whether the configuration database takes writes, not just reads: a read-only SQLite file, a PostgreSQL
/// standby or a SQL Server database set READ_ONLY answer queries but refuse every change.</summary>
public static class ConfigDatabaseWriteProbe
{
    /// <summary>Runs an UPDATE that matches no row inside a transaction that is rolled back: nothing changes, yet every
    /// provider refuses it when the database is read-only. Throws what the provider throws.</summary>
    public static async Task ProbeAsync(EtlDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Runs.Where(r => r.Id == Guid.Empty)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CancelRequested, r => r.CancelRequested), cancellationToken);
        await transaction.RollbackAsync(cancellationToken);
    }

    /// <summary>The provider said the database is read-only (SQLite 8, PostgreSQL 25006, SQL Server 3906), in
    /// <paramref name="error"/> or an exception it wraps.</summary>
    public static bool IsReadOnly(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: 8 } or PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction } or SqlException { Number: 3906 })
            {
                return true;
            }
        }
        return false;
    }
}

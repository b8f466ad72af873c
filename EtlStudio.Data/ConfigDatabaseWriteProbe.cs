using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EtlStudio.Data;

/// <summary>Whether the configuration database takes writes, not just reads: a read-only SQLite file, a PostgreSQL
/// standby or a SQL Server database set READ_ONLY answer queries but refuse every change.</summary>
public static class ConfigDatabaseWriteProbe
{
    /// <summary>Runs an UPDATE that matches no row inside a transaction that is rolled back: nothing changes, yet every
    /// provider refuses it when the database is read-only. Throws what the provider throws.</summary>
    /// <remarks>Plain ADO.NET on the context's connection, with the table and column named by the model and quoted by
    /// the provider: EF would log the refused command as an error of its own, a second line beside the one that says
    /// why the start stops, and one per health probe.</remarks>
    public static async Task ProbeAsync(EtlDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var runs = db.Model.FindEntityType(typeof(FlowRun))!;
        var table = StoreObjectIdentifier.Table(runs.GetTableName()!, runs.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var column = sql.DelimitIdentifier(runs.FindProperty(nameof(FlowRun.CancelRequested))!.GetColumnName(table)!);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET {column} = {column} WHERE 1 = 0";
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
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

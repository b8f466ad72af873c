using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EtlStudio.Data;

/// <summary>Recognises constraint violations on every supported provider, so a form can name the conflict even when
/// another user saved the same name between the check and the save.</summary>
public static class DbUpdateExceptionExtensions
{
    /// <summary>A unique index or primary key was violated (SQLite 19/2067 or 1555, PostgreSQL 23505, SQL Server 2601/2627).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            SqliteException e => e.SqliteErrorCode == 19 && e.SqliteExtendedErrorCode is 2067 or 1555,
            PostgresException e => e.SqlState == PostgresErrorCodes.UniqueViolation,
            SqlException e => e.Number is 2601 or 2627,
            _ => false,
        };
    }

    /// <summary>A foreign key was violated, e.g. deleting a connection a flow still uses
    /// (SQLite 19/787 or 19/1811, PostgreSQL 23503, SQL Server 547).</summary>
    public static bool IsForeignKeyViolation(this DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            // SQLite reports ON DELETE RESTRICT through its trigger machinery (1811); the model defines no triggers of its own.
            SqliteException e => e.SqliteErrorCode == 19 && e.SqliteExtendedErrorCode is 787 or 1811,
            PostgresException e => e.SqlState == PostgresErrorCodes.ForeignKeyViolation,
            SqlException e => e.Number == 547,
            _ => false,
        };
    }
}

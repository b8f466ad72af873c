namespace EtlStudio.Engine.Definitions;

/// <summary>Relational databases the engine reads from and loads into.</summary>
public enum DatabaseProvider
{
    /// <summary>PostgreSQL through Npgsql.</summary>
    PostgreSql,
    /// <summary>SQL Server / Azure SQL through Microsoft.Data.SqlClient.</summary>
    SqlServer,
    /// <summary>Oracle through the ADO.NET provider factory (Oracle.ManagedDataAccess.Core added by the deployment).</summary>
    Oracle,
    /// <summary>SQLite through Microsoft.Data.Sqlite.</summary>
    Sqlite,
}

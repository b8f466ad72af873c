namespace EtlStudio.Data;

/// <summary>Section <c>Database</c>: where EtlStudio keeps its configuration and run history.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Database";

    /// <summary>Where the SQLite database lives when no connection string is set, relative to the content root.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/etlstudio.db";

    /// <summary><c>Database:Provider</c>: Sqlite (default), SqlServer or PostgreSql.</summary>
    public ConfigDatabaseProvider Provider { get; set; } = ConfigDatabaseProvider.Sqlite;

    /// <summary><c>Database:ConnectionString</c>. Required for SqlServer and PostgreSql. Default for SQLite:
    /// <c>Data Source=data/etlstudio.db</c>; a relative SQLite file is resolved against the content root.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>Database:MigrateOnStartup</c>: apply pending migrations when the app starts (default true).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

namespace EtlStudio.Data;

/// <summary>Configuration database providers.</summary>
public enum ConfigDatabaseProvider { Sqlite, SqlServer, PostgreSql }

namespace EtlStudio.Benchmarks.EndToEnd;

/// <summary>The web app's configuration database (<c>Database:Provider</c> and its connection string); Hangfire's storage
/// follows it (PostgreSQL: the same database; SQLite: <c>hangfire.db</c> beside the file).</summary>
internal readonly record struct ConfigDatabase(string Provider, string ConnectionString);

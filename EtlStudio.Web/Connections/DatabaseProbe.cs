using System.Data.Common;
using System.Net.Sockets;
using EtlStudio.Web.Connections;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EtlStudio.Web.Connections;

/// <summary>Opens a database connection and runs <c>SELECT 1</c>, translating the providers' errors into
/// "host unreachable", "login refused" or "database missing".</summary>
internal sealed class DatabaseProbe(IHostEnvironment environment)
{
    private const string OracleProvider = "Oracle.ManagedDataAccess.Client";
    private const int ConnectSeconds = 8;

    public async Task<ConnectionTestResult> TestAsync(ConnectionSettings settings, string? secret, CancellationToken cancellationToken) => settings switch
    {
        PostgreSqlSettings p => await PostgresAsync(p, secret, cancellationToken),
        SqlServerSettings s => await SqlServerAsync(s, secret, cancellationToken),
        SqliteSettings s => await SqliteAsync(s, cancellationToken),
        OracleSettings o => await OracleAsync(o, secret, cancellationToken),
        _ => ConnectionTestResult.Failed($"A {settings.Kind} connection is not a database."),
    };

    private async Task<ConnectionTestResult> PostgresAsync(PostgreSqlSettings p, string? secret, CancellationToken cancellationToken)
    {
        // The runtime's connection string, with a short connect timeout and no pool for a one-off test.
        var builder = new NpgsqlConnectionStringBuilder(ConnectionStrings.Database(p, secret, environment.ContentRootPath)) { Timeout = ConnectSeconds, Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            var version = await SelectOneAsync(connection, "SELECT 1", cancellationToken);
            return ConnectionTestResult.Ok($"Connected to PostgreSQL {version} at {p.Host}:{p.Port} as {p.Username}; database '{p.Database}' answered SELECT 1.");
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            return ConnectionTestResult.Failed($"Login refused: {p.Host}:{p.Port} rejected user '{p.Username}' ({e.MessageText}).");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return ConnectionTestResult.Failed($"Database missing: '{p.Database}' does not exist on {p.Host}:{p.Port} ({e.MessageText}).");
        }
        catch (NpgsqlException e) when (Unreachable(e) is { } why)
        {
            return ConnectionTestResult.Failed($"Host unreachable: {p.Host}:{p.Port} ({why}).");
        }
        catch (NpgsqlException e)
        {
            return ConnectionTestResult.Failed($"PostgreSQL at {p.Host}:{p.Port} refused the connection: {e.Message}");
        }
    }

    private async Task<ConnectionTestResult> SqlServerAsync(SqlServerSettings s, string? secret, CancellationToken cancellationToken)
    {
        var builder = new SqlConnectionStringBuilder(ConnectionStrings.Database(s, secret, environment.ContentRootPath)) { ConnectTimeout = ConnectSeconds, Pooling = false };
        try
        {
            await using var connection = new SqlConnection(builder.ConnectionString);
            await SelectOneAsync(connection, "SELECT 1", cancellationToken);
            return ConnectionTestResult.Ok($"Connected to SQL Server {s.Server}; database '{s.Database}' answered SELECT 1.");
        }
        catch (SqlException e) when (e.Number == 18456)
        {
            return ConnectionTestResult.Failed($"Login refused: {s.Server} rejected login '{s.Username ?? s.Authentication.ToString()}'.");
        }
        catch (SqlException e) when (e.Number == 4060)
        {
            return ConnectionTestResult.Failed($"Database missing: '{s.Database}' does not exist on {s.Server}, or this login may not open it.");
        }
        catch (SqlException e) when (e.Number is 2 or 53 or -1 or 11001 or 258 or 10060 or 10061 || Unreachable(e) is not null)
        {
            return ConnectionTestResult.Failed($"Host unreachable: {s.Server} ({e.Message.Split('\n')[0].Trim()}).");
        }
        catch (SqlException e)
        {
            return ConnectionTestResult.Failed($"SQL Server {s.Server} refused the connection: {e.Message}");
        }
    }

    private async Task<ConnectionTestResult> SqliteAsync(SqliteSettings s, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(s.DataSource, environment.ContentRootPath);
        if (!File.Exists(path))
        {
            // Opening would create an empty database; a test must not leave one behind.
            return ConnectionTestResult.Failed($"Database file missing: {path} does not exist.");
        }
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString);
            var version = await SelectOneAsync(connection, "SELECT 1", cancellationToken);
            return ConnectionTestResult.Ok($"Opened SQLite {version} database {path}; it answered SELECT 1.");
        }
        catch (SqliteException e)
        {
            return ConnectionTestResult.Failed($"{path} cannot be used as a SQLite database: {e.Message}");
        }
    }

    private static async Task<ConnectionTestResult> OracleAsync(OracleSettings o, string? secret, CancellationToken cancellationToken)
    {
        if (!DbProviderFactories.TryGetFactory(OracleProvider, out var factory))
        {
            return ConnectionTestResult.Failed($"Cannot test: this deployment has no Oracle ADO.NET provider ('{OracleProvider}'); add Oracle.ManagedDataAccess.Core to the host. The settings can still be saved.");
        }
        await using var connection = factory.CreateConnection()!;
        connection.ConnectionString = $"Data Source=//{o.Host}:{o.Port}/{o.ServiceName};User Id={o.Username};Password=\"{secret?.Replace("\"", "", StringComparison.Ordinal)}\";Connection Timeout={ConnectSeconds}";
        try
        {
            await SelectOneAsync(connection, "SELECT 1 FROM DUAL", cancellationToken);
            return ConnectionTestResult.Ok($"Connected to Oracle {o.Host}:{o.Port}/{o.ServiceName} as {o.Username}; it answered SELECT 1.");
        }
        catch (DbException e)
        {
            return ConnectionTestResult.Failed($"Oracle {o.Host}:{o.Port}/{o.ServiceName} refused the connection: {e.Message}");
        }
    }

    private static async Task<string> SelectOneAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = ConnectSeconds;
        await command.ExecuteScalarAsync(cancellationToken);
        return connection.ServerVersion;
    }

    private static string? Unreachable(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket) return socket.Message;
            if (inner is TimeoutException) return "no answer in time";
        }
        return e is NpgsqlException { InnerException: null } && e.Message.Contains("timeout", StringComparison.OrdinalIgnoreCase) ? "no answer in time" : null;
    }
}

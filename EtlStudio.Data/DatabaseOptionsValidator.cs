using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EtlStudio.Data;

/// <summary>Reports every problem of section <c>Database</c> at once, each naming the key to fix. Messages never repeat
/// the connection string: it may carry a password.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    private const string ProviderKey = $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}";
    private const string ConnectionStringKey = $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.ConnectionString)}";

    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Provider))
        {
            // A number binds to any enum value; only the names are supported.
            return ValidateOptionsResult.Fail(UnsupportedProvider(options.Provider.ToString()));
        }
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            if (options.Provider != ConfigDatabaseProvider.Sqlite)
            {
                failures.Add($"{ConnectionStringKey} is required when {ProviderKey} is {options.Provider}");
            }
        }
        else if (ConnectionStringProblem(options.Provider, options.ConnectionString) is { } problem)
        {
            failures.Add($"{ConnectionStringKey} is not a valid {options.Provider} connection string: {problem}");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static string UnsupportedProvider(string? value) =>
        $"{ProviderKey} '{value}' is not supported; use {string.Join(", ", Enum.GetNames<ConfigDatabaseProvider>())}";

    private static string? ConnectionStringProblem(ConfigDatabaseProvider provider, string connectionString)
    {
        try
        {
            DbConnectionStringBuilder builder = provider switch
            {
                ConfigDatabaseProvider.Sqlite => new SqliteConnectionStringBuilder(connectionString),
                ConfigDatabaseProvider.SqlServer => new SqlConnectionStringBuilder(connectionString),
                _ => new NpgsqlConnectionStringBuilder(connectionString),
            };
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            // The builders name the offending keyword, not its value.
            return ex.Message.ReplaceLineEndings(" ");
        }
    }
}

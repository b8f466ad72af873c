using System.Data.Common;
using EtlStudio.Engine.Definitions;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EtlStudio.Engine.Sources.Database;

/// <summary>The ADO.NET provider factory of each database a query source reads.</summary>
internal static class DbProviders
{
    /// <summary>Invariant name under which a deployment registers Oracle's factory.</summary>
    public const string OracleInvariantName = "Oracle.ManagedDataAccess.Client";

    public static DbProviderFactory Factory(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.PostgreSql => NpgsqlFactory.Instance,
        DatabaseProvider.SqlServer => SqlClientFactory.Instance,
        DatabaseProvider.Sqlite => SqliteFactory.Instance,
        // Oracle's provider is not shipped with EtlStudio (licence and size): the deployment adds it.
        DatabaseProvider.Oracle => DbProviderFactories.TryGetFactory(OracleInvariantName, out var oracle)
            ? oracle
            : throw new EtlDataException(
                $"Oracle needs the ADO.NET provider '{OracleInvariantName}', which this deployment does not have: add the " +
                "Oracle.ManagedDataAccess.Core package to the host and register its factory at start-up with " +
                $"DbProviderFactories.RegisterFactory(\"{OracleInvariantName}\", OracleClientFactory.Instance)."),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    /// <summary><c>query on &lt;provider&gt; &lt;server/database&gt;</c>: no user, no password.</summary>
    public static string Describe(DatabaseProvider provider, DbConnection connection) => provider switch
    {
        DatabaseProvider.Sqlite => $"query on {provider} {connection.DataSource}",
        _ => $"query on {provider} {connection.DataSource}/{connection.Database}",
    };
}

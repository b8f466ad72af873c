using System.Data.Common;

namespace EtlStudio.Engine.Loading.Oracle;

/// <summary>Reaches Oracle through <see cref="DbProviderFactories"/>: the Oracle package is not a dependency of the
/// engine (it is not available to every deployment), so the deployment that needs Oracle adds
/// Oracle.ManagedDataAccess.Core and registers its factory at start-up.</summary>
internal static class OracleProvider
{
    public const string InvariantName = "Oracle.ManagedDataAccess.Client";

    public static DbProviderFactory Factory => DbProviderFactories.TryGetFactory(InvariantName, out var factory)
        ? factory
        : throw new EtlDataException(
            $"Oracle loading needs the ADO.NET provider '{InvariantName}', which is not registered in this deployment. " +
            "Add the Oracle.ManagedDataAccess.Core package and call " +
            $"DbProviderFactories.RegisterFactory(\"{InvariantName}\", OracleClientFactory.Instance) at start-up.");

    /// <summary>Array binding (one round trip runs the statement once per array element) lives on OracleCommand, a type
    /// the engine cannot reference; the properties are set by reflection on whatever command the factory made.</summary>
    public static void EnableArrayBinding(DbCommand command, int count)
    {
        BindByName(command);
        Set(command, "ArrayBindCount", count);
    }

    /// <summary>ODP.NET binds by position unless told otherwise; by name, a variable may appear twice.</summary>
    public static void BindByName(DbCommand command) => Set(command, "BindByName", true);

    private static void Set(DbCommand command, string property, object value)
    {
        var info = command.GetType().GetProperty(property)
            ?? throw new EtlDataException($"The Oracle provider's command type {command.GetType().FullName} has no {property} property; array-bound loading needs ODP.NET (Oracle.ManagedDataAccess.Core).");
        info.SetValue(command, value);
    }
}

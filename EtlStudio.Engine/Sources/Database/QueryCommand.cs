using System.Data.Common;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Sources.Database;

/// <summary>The command of a query source: text, timeout and parameters from the definition.</summary>
internal static class QueryCommand
{
    public static DbCommand Create(DbConnection connection, DatabaseSourceDefinition source)
    {
        var command = connection.CreateCommand();
        command.CommandText = source.Query;
        command.CommandTimeout = source.CommandTimeoutSeconds;
        if (source.Provider == DatabaseProvider.Oracle)
        {
            // ODP.NET binds by position unless told otherwise; the definition names its parameters.
            command.GetType().GetProperty("BindByName")?.SetValue(command, true);
        }
        foreach (var (name, value) in source.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = Normalize(value, source.Provider);
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static object Normalize(object? value, DatabaseProvider provider) => value switch
    {
        null => DBNull.Value,
        // Npgsql accepts only UTC offsets for timestamptz.
        DateTimeOffset dto when provider == DatabaseProvider.PostgreSql => dto.ToUniversalTime(),
        _ => value,
    };
}

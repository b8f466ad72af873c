using System.Data.Common;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Sources.Database;

/// <summary>The command of a query source: text, timeout and parameters from the definition; a partition's query
/// (<see cref="DatabaseSourceDefinition.Range"/>) wrapped to read its range only.</summary>
internal static class QueryCommand
{
    public static DbCommand Create(DbConnection connection, DatabaseSourceDefinition source)
    {
        var parameters = new Dictionary<string, object?>(source.Parameters);
        var text = source.Query;
        if (source.Range is { } range)
        {
            text = PartitionSql.Wrap(source.Provider, source.Query, range);
            if (range.Lower is { } lo) parameters[PartitionSql.LowerParameter] = QueryPartitioning.Parameter(range.Kind, lo, source.Provider);
            if (range.Upper is { } hi) parameters[PartitionSql.UpperParameter] = QueryPartitioning.Parameter(range.Kind, hi, source.Provider);
        }
        return Create(connection, source, text, parameters);
    }

    /// <summary>A command of <paramref name="text"/> on <paramref name="source"/>'s database with its timeout.</summary>
    public static DbCommand Create(DbConnection connection, DatabaseSourceDefinition source, string text, IReadOnlyDictionary<string, object?> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.CommandTimeout = source.CommandTimeoutSeconds;
        if (source.Provider == DatabaseProvider.Oracle)
        {
            // ODP.NET binds by position unless told otherwise; the definition names its parameters.
            command.GetType().GetProperty("BindByName")?.SetValue(command, true);
        }
        foreach (var (name, value) in parameters)
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

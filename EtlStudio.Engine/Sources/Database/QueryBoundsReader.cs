using System.Data.Common;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Sources.Database;

/// <summary>Reads the MIN and MAX of a query's partition column, for a partitioned run whose flow declares no bounds.</summary>
internal static class QueryBoundsReader
{
    /// <summary>The bounds, or null when the query returns no row with a value in the column.</summary>
    public static async Task<QueryBounds?> ReadAsync(DatabaseSourceDefinition source, string column, CancellationToken cancellationToken)
    {
        var factory = DbProviders.Factory(source.Provider);
        await using var connection = factory.CreateConnection() ?? throw new InvalidOperationException($"{source.Provider} made no connection.");
        var origin = $"query on {source.Provider}";
        try
        {
            connection.ConnectionString = source.ConnectionString;
            origin = DbProviders.Describe(source.Provider, connection);
            await connection.OpenAsync(cancellationToken);
            await using var command = QueryCommand.Create(connection, source, PartitionSql.Bounds(source.Provider, source.Query, column), source.Parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken) || await reader.IsDBNullAsync(0, cancellationToken) || await reader.IsDBNullAsync(1, cancellationToken)) return null;
            var (kind, min) = QueryPartitioning.Read(column, reader.GetValue(0), reader.GetDataTypeName(0));
            var (maxKind, max) = QueryPartitioning.Read(column, reader.GetValue(1), reader.GetDataTypeName(1));
            if (maxKind != kind) throw new EtlDataException($"partition column '{column}': its smallest value is {kind} and its largest {maxKind}: give the bounds in the flow", origin);
            return new QueryBounds(kind, min, max);
        }
        catch (DbException e) when (!e.IsTransient)
        {
            throw new EtlDataException($"reading MIN/MAX of partition column '{column}' failed: {e.Message}", origin, inner: e);
        }
        catch (ArgumentException e)
        {
            throw new EtlDataException($"bad connection settings: {e.Message}", origin, inner: e);
        }
    }
}

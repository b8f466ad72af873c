using System.Globalization;
using Npgsql;

namespace EtlStudio.Benchmarks.Scale;

/// <summary>How a load spread over the instances, read from the configuration database: runs (Kafka batches) or
/// partitions per executor, and when each instance started its first one (a late group join shows there).</summary>
internal static class InstanceSpread
{
    /// <summary>Batch runs of a Kafka flow per instance.</summary>
    public static Task<string> BatchesAsync(string config, int flow, CancellationToken cancellationToken) => QueryAsync(config, flow, """
        SELECT "Executor", count(*), extract(epoch FROM min("StartedUtc") - (SELECT min("StartedUtc") FROM "Runs" WHERE "FlowId" = @flow))::float8
        FROM "Runs" WHERE "FlowId" = @flow GROUP BY "Executor"
        """, "batches", cancellationToken);

    /// <summary>Partitions of a flow's latest run per instance.</summary>
    public static Task<string> PartitionsAsync(string config, int flow, CancellationToken cancellationToken) => QueryAsync(config, flow, """
        WITH run AS (SELECT "Id" FROM "Runs" WHERE "FlowId" = @flow ORDER BY "QueuedUtc" DESC LIMIT 1),
             p AS (SELECT * FROM "RunPartitions" WHERE "RunId" = (SELECT "Id" FROM run))
        SELECT "Executor", count(*), extract(epoch FROM min("StartedUtc") - (SELECT min("StartedUtc") FROM p))::float8 FROM p GROUP BY "Executor"
        """, "partitions", cancellationToken);

    private static async Task<string> QueryAsync(string config, int flow, string sql, string what, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(config);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("flow", flow);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var parts = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            // Executor: machine:pid:instance; the pid tells the child processes apart.
            var pid = reader.IsDBNull(0) ? "?" : reader.GetString(0).Split(':').ElementAtOrDefault(1) ?? "?";
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"pid {pid} {reader.GetInt64(1)} {what} from +{(reader.IsDBNull(2) ? 0 : reader.GetDouble(2)):0.0} s"));
        }
        return string.Join(", ", parts.Order(StringComparer.Ordinal));
    }
}

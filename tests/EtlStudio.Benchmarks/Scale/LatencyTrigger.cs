using System.Globalization;
using Npgsql;

namespace EtlStudio.Benchmarks.Scale;

/// <summary>Makes a destination table latency-bound: an AFTER INSERT trigger FOR EACH STATEMENT that sleeps, so each
/// COPY (one per loaded batch) waits the same time whoever sends it and the server's CPU stays idle meanwhile. What an
/// instance count can then show is how many batches the cluster keeps in flight, not how fast this 2-core machine is.</summary>
internal static class LatencyTrigger
{
    public static async Task InstallAsync(string connectionString, string table, int sleepMs, CancellationToken cancellationToken)
    {
        var seconds = (sleepMs / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            CREATE FUNCTION {table}_latency() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep({seconds}); RETURN NULL; END $$;
            CREATE TRIGGER {table}_latency AFTER INSERT ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {table}_latency();
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Rows and distinct values of <paramref name="key"/>: equal to the source's count when every row arrived once.</summary>
    public static async Task<(long Rows, long Distinct)> CountAsync(string connectionString, string table, string key, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT count(*), count(DISTINCT {key}) FROM {table}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}

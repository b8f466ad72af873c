using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Connections;
using Microsoft.Data.Sqlite;

namespace EtlStudio.Runtime.Tests;

/// <summary>Stored groups, connections and flows for tests, and small SQLite source/destination databases.</summary>
internal static class TestData
{
    public static async Task<Group> GroupAsync(RuntimeApp app, string? cron = null, string timeZone = "UTC", string? webhook = null, int maxParallel = 1, bool enabled = true)
    {
        await using var db = await app.DbAsync();
        var group = new Group
        {
            Name = $"g-{Guid.NewGuid():N}"[..12],
            Cron = cron,
            TimeZone = timeZone,
            FailureWebhookUrl = webhook,
            MaxParallelFlows = maxParallel,
            Enabled = enabled,
            CreatedUtc = DateTime.UtcNow,
            UpdatedUtc = DateTime.UtcNow,
        };
        db.Groups.Add(group);
        await db.SaveChangesAsync();
        return group;
    }

    public static async Task<Connection> ConnectionAsync(RuntimeApp app, ConnectionSettings settings, string? secret = null)
    {
        await using var db = await app.DbAsync();
        var connection = new Connection
        {
            Name = $"c-{Guid.NewGuid():N}"[..12],
            Kind = settings.Kind,
            Settings = settings.ToJson(),
            Secret = secret,
            CreatedUtc = DateTime.UtcNow,
            UpdatedUtc = DateTime.UtcNow,
        };
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
        return connection;
    }

    /// <summary>A flow from <paramref name="source"/> into SQLite table <paramref name="table"/> of <paramref name="destinationFile"/>,
    /// mapping each (field, type) pair to a column of the same name.</summary>
    public static async Task<Flow> FlowAsync(RuntimeApp app, Group group, Connection source, string destinationFile, string table,
        (string Column, ColumnType Type)[] columns, Action<Flow>? configure = null)
    {
        var destination = await ConnectionAsync(app, new SqliteSettings(destinationFile));
        await using var db = await app.DbAsync();
        var flow = new Flow
        {
            GroupId = group.Id,
            Name = $"f-{Guid.NewGuid():N}"[..12],
            SourceConnectionId = source.Id,
            DestinationConnectionId = destination.Id,
            DestinationTable = table,
            CreatedUtc = DateTime.UtcNow,
            UpdatedUtc = DateTime.UtcNow,
            Columns = [.. columns.Select((c, i) => new ColumnMapping { Order = i, SourceField = c.Column, TargetColumn = c.Column, TargetType = c.Type })],
        };
        configure?.Invoke(flow);
        db.Flows.Add(flow);
        await db.SaveChangesAsync();
        return flow;
    }

    /// <summary>A flow that copies SQLite table rows by <paramref name="query"/> into table <c>target(id, name)</c>.</summary>
    public static async Task<(Flow Flow, string Source, string Destination)> SqliteCopyFlowAsync(RuntimeApp app, Group group, string query,
        Action<Flow>? configure = null, string targetDdl = "CREATE TABLE target (id INTEGER, name TEXT)")
    {
        var source = Path.Combine(app.Root, $"src-{Guid.NewGuid():N}.db");
        var destination = Path.Combine(app.Root, $"dst-{Guid.NewGuid():N}.db");
        await Sqlite.ExecAsync(source, "CREATE TABLE events (id INTEGER PRIMARY KEY, name TEXT)");
        await Sqlite.ExecAsync(destination, targetDdl);
        var connection = await ConnectionAsync(app, new SqliteSettings(source));
        var flow = await FlowAsync(app, group, connection, destination, "target", [("id", ColumnType.Long), ("name", ColumnType.String)], f =>
        {
            f.SourceQuery = query;
            configure?.Invoke(f);
        });
        return (flow, source, destination);
    }
}

internal static class Sqlite
{
    public static async Task ExecAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<List<(long Id, string? Name)>> RowsAsync(string file, string table = "target")
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, name FROM {table} ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, string?)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        return rows;
    }
}

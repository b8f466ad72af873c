using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Testing;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EtlStudio.Runtime.Tests;

/// <summary>Two app instances on one PostgreSQL database (configuration and Hangfire.PostgreSql storage).</summary>
public sealed class TwoInstancesTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_due_time_runs_once_and_one_flow_never_runs_on_both_instances_at_once()
    {
        var database = await postgres.CreateDatabaseAsync("two");
        var shared = Directory.CreateTempSubdirectory("etl-two.").FullName;
        try
        {
            await using var first = await RuntimeApp.CreateAsync(postgres: database);
            await using var second = await RuntimeApp.CreateAsync(postgres: database);
            var group = await TestData.GroupAsync(first, cron: "*/2 * * * * *");
            // Each run takes over a second, so due times every two seconds keep the flow's lock busy across instances.
            var builder = new NpgsqlConnectionStringBuilder(database);
            var source = await TestData.ConnectionAsync(first, new PostgreSqlSettings(builder.Host!, builder.Database!, builder.Username!, builder.Port, "Disable"));
            var destination = Path.Combine(shared, "two.db");
            await Sqlite.ExecAsync(destination, "CREATE TABLE target (id INTEGER, name TEXT)");
            var flow = await TestData.FlowAsync(first, group, source, destination, "target", [("id", ColumnType.Long), ("name", ColumnType.String)], f =>
                f.SourceQuery = "SELECT g AS id, 'x' AS name FROM generate_series(1, 3) g CROSS JOIN pg_sleep(1.2)");
            await first.Get<GroupScheduleSync>().SyncGroupAsync(group.Id, Ct);

            var runs = await ScheduleTests.WaitForScheduledRunsAsync(first, flow.Id, 5, seconds: 90);
            await using (var db = await first.DbAsync())
            {
                await db.Groups.Where(g => g.Id == group.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Enabled, false), Ct);
            }
            await second.Get<GroupScheduleSync>().SyncGroupAsync(group.Id, Ct);

            ScheduleTests.AssertOncePerDueTime(runs, TimeSpan.FromSeconds(2));
            var executed = runs.Where(r => r.StartedUtc is not null).OrderBy(r => r.StartedUtc).ToList();
            Assert.True(executed.Count(r => r.Status == RunStatus.Succeeded) >= 2, string.Join("; ", runs.Select(r => $"{r.Status} {r.Note} {r.Error}")));
            Assert.All(executed.Zip(executed.Skip(1)), pair => Assert.True(pair.First.EndedUtc <= pair.Second.StartedUtc,
                $"run {pair.First.Id} ({pair.First.StartedUtc:O}-{pair.First.EndedUtc:O}) overlaps run {pair.Second.Id} ({pair.Second.StartedUtc:O})"));
            Assert.Equal(executed.Count(r => r.Status == RunStatus.Succeeded) * 3, (await Sqlite.RowsAsync(destination)).Count);
            Assert.Null(first.Get<GroupScheduleSync>().NextExecution(group.Id));
        }
        finally
        {
            Directory.Delete(shared, recursive: true);
        }
    }
}

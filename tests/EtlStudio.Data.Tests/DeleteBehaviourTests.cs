using EtlStudio.Data.Entities;
using EtlStudio.Testing;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Data.Tests;

/// <summary>Deletes go through <c>ExecuteDelete</c>, so the database's own foreign keys do the work, not EF's tracking.</summary>
public sealed class DeleteBehaviourTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(ConfigDatabaseProvider.Sqlite)]
    [InlineData(ConfigDatabaseProvider.PostgreSql)]
    public async Task Deleting_a_group_removes_its_flows_mappings_and_triggers_but_keeps_run_history(ConfigDatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        var graph = new ModelGraph();
        await graph.SaveAsync(database);

        await using var fresh = await database.Contexts.CreateDbContextAsync(ct);
        await fresh.Groups.Where(g => g.Id == graph.Group.Id).ExecuteDeleteAsync(ct);

        Assert.Equal(0, await fresh.Flows.CountAsync(ct));
        Assert.Equal(0, await fresh.ColumnMappings.CountAsync(ct));
        Assert.Equal(0, await fresh.KafkaTriggers.CountAsync(ct));
        Assert.Equal(3, await fresh.Connections.CountAsync(ct));
        var run = await fresh.Runs.Include(r => r.Steps).Include(r => r.Artifacts).SingleAsync(ct);
        Assert.Null(run.FlowId);
        Assert.Equal("Orders", run.FlowName);
        Assert.Equal(graph.Group.Id, run.GroupId);
        Assert.Single(run.Steps);
        Assert.Single(run.Artifacts);
    }

    [Theory]
    [InlineData(ConfigDatabaseProvider.Sqlite)]
    [InlineData(ConfigDatabaseProvider.PostgreSql)]
    public async Task Deleting_a_run_removes_its_steps_artifacts_rejects_and_logs(ConfigDatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        await new ModelGraph().SaveAsync(database);
        await using var db = await database.Contexts.CreateDbContextAsync(ct);

        await db.Runs.ExecuteDeleteAsync(ct);

        Assert.Equal(0, await db.RunSteps.CountAsync(ct));
        Assert.Equal(0, await db.RunArtifacts.CountAsync(ct));
        Assert.Equal(0, await db.RejectedRows.CountAsync(ct));
        Assert.Equal(0, await db.RunLogs.CountAsync(ct));
        Assert.Equal(1, await db.Flows.CountAsync(ct));
    }

    [Theory]
    [InlineData(ConfigDatabaseProvider.Sqlite)]
    [InlineData(ConfigDatabaseProvider.PostgreSql)]
    public async Task A_connection_in_use_cannot_be_deleted(ConfigDatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        var graph = new ModelGraph();
        await graph.SaveAsync(database);
        await using var db = await database.Contexts.CreateDbContextAsync(ct);

        db.Remove(new Connection { Id = graph.Destination.Id, Name = graph.Destination.Name });
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(ct));

        Assert.True(error.IsForeignKeyViolation());
        Assert.False(error.IsUniqueViolation());
    }
}

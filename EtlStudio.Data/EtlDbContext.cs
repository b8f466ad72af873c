using EtlStudio.Data.Configurations;
using EtlStudio.Data.Entities;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Data;

/// <summary>The configuration model, local accounts (ASP.NET Core Identity tables) included. Provider-specific
/// subclasses carry their own migrations.</summary>
public abstract class EtlDbContext(DbContextOptions options) : IdentityDbContext<EtlUser>(options)
{
    public DbSet<Connection> Connections => Set<Connection>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<Flow> Flows => Set<Flow>();
    public DbSet<ColumnMapping> ColumnMappings => Set<ColumnMapping>();
    public DbSet<KafkaTrigger> KafkaTriggers => Set<KafkaTrigger>();
    public DbSet<FlowRun> Runs => Set<FlowRun>();
    public DbSet<FlowRunStep> RunSteps => Set<FlowRunStep>();
    public DbSet<RunArtifact> RunArtifacts => Set<RunArtifact>();
    public DbSet<RejectedRowRecord> RejectedRows => Set<RejectedRowRecord>();
    public DbSet<RunLogEntry> RunLogs => Set<RunLogEntry>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<RunPartition> RunPartitions => Set<RunPartition>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EtlDbContext).Assembly);
    }
}

using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EtlStudio.Data.Configurations;

internal sealed class FlowRunConfiguration : IEntityTypeConfiguration<FlowRun>
{
    public void Configure(EntityTypeBuilder<FlowRun> builder)
    {
        builder.ToTable("Runs");
        builder.Property(r => r.FlowName).HasMaxLength(FieldLengths.Name);
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(FieldLengths.Enum);
        builder.Property(r => r.TriggeredBy).HasMaxLength(FieldLengths.User);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(FieldLengths.Enum);
        builder.Property(r => r.JobId).HasMaxLength(100);
        builder.Property(r => r.Executor).HasMaxLength(200);

        // Run history: newest first overall, per status (queued/running), per flow and per group.
        builder.HasIndex(r => r.QueuedUtc);
        builder.HasIndex(r => r.Status);
        builder.HasIndex(r => new { r.FlowId, r.QueuedUtc });
        builder.HasIndex(r => new { r.GroupId, r.QueuedUtc });
        // NULLs do not collide on any provider (SQL Server: EF adds the IS NOT NULL filter for a nullable unique index).
        builder.HasIndex(r => r.QueuedFlowId).IsUnique();

        // History outlives the flow (the run keeps FlowName); a delete must not fail because the flow ever ran.
        builder.HasOne(r => r.Flow).WithMany().HasForeignKey(r => r.FlowId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Artifacts).WithOne().HasForeignKey(a => a.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<RejectedRowRecord>().WithOne().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<RunLogEntry>().WithOne().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<RunPartition>().WithOne().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

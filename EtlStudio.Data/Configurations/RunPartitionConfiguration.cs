using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EtlStudio.Data.Configurations;

internal sealed class RunPartitionConfiguration : IEntityTypeConfiguration<RunPartition>
{
    public void Configure(EntityTypeBuilder<RunPartition> builder)
    {
        builder.ToTable("RunPartitions");
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(FieldLengths.Enum);
        builder.Property(p => p.JobId).HasMaxLength(100);
        builder.Property(p => p.Executor).HasMaxLength(200);
        builder.Property(p => p.Range).HasMaxLength(1000);
        builder.HasIndex(p => new { p.RunId, p.Index }).IsUnique();
        // At most the flow's partitions in flight per run, whichever instances hand them out (NULLs do not collide; SQL
        // Server: EF adds the IS NOT NULL filter for a nullable unique index).
        builder.HasIndex(p => new { p.RunId, p.Slot }).IsUnique();
    }
}

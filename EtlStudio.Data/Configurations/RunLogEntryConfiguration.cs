using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EtlStudio.Data.Configurations;

internal sealed class RunLogEntryConfiguration : IEntityTypeConfiguration<RunLogEntry>
{
    public void Configure(EntityTypeBuilder<RunLogEntry> builder)
    {
        builder.ToTable("RunLogs");
        builder.HasIndex(l => l.RunId);
        builder.Property(l => l.Level).HasMaxLength(20);
    }
}

using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EtlStudio.Data.Configurations;

internal sealed class FlowConfiguration : IEntityTypeConfiguration<Flow>
{
    public void Configure(EntityTypeBuilder<Flow> builder)
    {
        builder.ToTable("Flows");
        builder.Property(f => f.Name).HasMaxLength(FieldLengths.Name);
        builder.HasIndex(f => new { f.GroupId, f.Name }).IsUnique();

        builder.Property(f => f.SourcePath).HasMaxLength(FieldLengths.Path);
        builder.Property(f => f.HttpMethod).HasMaxLength(16);
        builder.Property(f => f.SourceTopic).HasMaxLength(FieldLengths.Topic);
        builder.Property(f => f.CursorField).HasMaxLength(FieldLengths.Column);
        builder.Property(f => f.PartitionColumn).HasMaxLength(FieldLengths.Column);
        builder.Property(f => f.PartitionLowerBound).HasMaxLength(FieldLengths.Bound);
        builder.Property(f => f.PartitionUpperBound).HasMaxLength(FieldLengths.Bound);
        builder.Property(f => f.AfterLoad).HasConversion<string>().HasMaxLength(FieldLengths.Enum).HasDefaultValue(AfterLoadAction.Keep);
        builder.Property(f => f.AfterLoadFolder).HasMaxLength(FieldLengths.Path);
        builder.Property(f => f.ParseFormat).HasConversion<string>().HasMaxLength(FieldLengths.Enum);
        builder.Property(f => f.Filter).HasMaxLength(FieldLengths.Expression);
        builder.Property(f => f.UnmappedFields).HasConversion<string>().HasMaxLength(FieldLengths.Enum).HasDefaultValue(UnmappedFieldPolicy.Ignore);
        builder.Property(f => f.DestinationTable).HasMaxLength(FieldLengths.Table);
        builder.Property(f => f.LoadMode).HasConversion<string>().HasMaxLength(FieldLengths.Enum);
        builder.Property(f => f.KeyColumns).HasMaxLength(FieldLengths.Description);
        // Rows written before the column existed (and raw inserts) get the engine's default.
        builder.Property(f => f.LoadParallelism).HasDefaultValue(FlowDefinition.DefaultLoadParallelism);

        // A connection in use cannot be deleted: the database refuses it, whatever the caller checked first.
        builder.HasOne(f => f.SourceConnection).WithMany().HasForeignKey(f => f.SourceConnectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.DestinationConnection).WithMany().HasForeignKey(f => f.DestinationConnectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(f => f.Columns).WithOne().HasForeignKey(c => c.FlowId).OnDelete(DeleteBehavior.Cascade);
    }
}

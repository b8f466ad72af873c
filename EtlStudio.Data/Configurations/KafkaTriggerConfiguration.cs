using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EtlStudio.Data.Configurations;

internal sealed class KafkaTriggerConfiguration : IEntityTypeConfiguration<KafkaTrigger>
{
    public void Configure(EntityTypeBuilder<KafkaTrigger> builder)
    {
        builder.ToTable("KafkaTriggers");
        builder.Property(t => t.Topic).HasMaxLength(FieldLengths.Topic);
        builder.Property(t => t.ConsumerGroup).HasMaxLength(FieldLengths.ConsumerGroup);
        builder.Property(t => t.DeadLetterTopic).HasMaxLength(FieldLengths.Topic);
        // Triggers saved before the setting existed get the default too.
        builder.Property(t => t.MaxParallelPartitions).HasDefaultValue(4);
        // The same flow fed twice by one consumer group would load every message twice.
        builder.HasIndex(t => new { t.Topic, t.ConsumerGroup, t.FlowId }).IsUnique();
        builder.HasOne(t => t.Connection).WithMany().HasForeignKey(t => t.ConnectionId).OnDelete(DeleteBehavior.Restrict);
        // A trigger has no meaning without its flow.
        builder.HasOne(t => t.Flow).WithMany().HasForeignKey(t => t.FlowId).OnDelete(DeleteBehavior.Cascade);
    }
}

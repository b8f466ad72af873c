using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EtlStudio.Data.Configurations;

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> builder)
    {
        builder.ToTable("Groups");
        builder.Property(g => g.Name).HasMaxLength(FieldLengths.Name);
        builder.HasIndex(g => g.Name).IsUnique();
        builder.Property(g => g.Description).HasMaxLength(FieldLengths.Description);
        builder.Property(g => g.Cron).HasMaxLength(FieldLengths.Cron);
        builder.Property(g => g.TimeZone).HasMaxLength(FieldLengths.TimeZone);
        builder.Property(g => g.FailureWebhookUrl).HasMaxLength(FieldLengths.Path);
        // Deleting a group deletes its flows (and through them their mappings and Kafka triggers).
        builder.HasMany(g => g.Flows).WithOne(f => f.Group).HasForeignKey(f => f.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

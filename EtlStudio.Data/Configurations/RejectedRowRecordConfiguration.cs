using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EtlStudio.Data.Configurations;

internal sealed class RejectedRowRecordConfiguration : IEntityTypeConfiguration<RejectedRowRecord>
{
    public void Configure(EntityTypeBuilder<RejectedRowRecord> builder)
    {
        builder.ToTable("RejectedRows");
        builder.HasIndex(r => r.RunId);
        builder.Property(r => r.Origin).HasMaxLength(FieldLengths.Path);
        builder.Property(r => r.Column).HasMaxLength(FieldLengths.Column);
        // Value and Reason stay unbounded: a rejected value is shown as it arrived.
    }
}

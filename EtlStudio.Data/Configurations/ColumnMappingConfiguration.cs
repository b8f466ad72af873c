using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EtlStudio.Data.Configurations;

internal sealed class ColumnMappingConfiguration : IEntityTypeConfiguration<ColumnMapping>
{
    public void Configure(EntityTypeBuilder<ColumnMapping> builder)
    {
        builder.ToTable("ColumnMappings");
        builder.HasIndex(c => new { c.FlowId, c.Order });
        builder.Property(c => c.SourceField).HasMaxLength(FieldLengths.Path);
        builder.Property(c => c.TargetColumn).HasMaxLength(FieldLengths.Column);
        builder.Property(c => c.TargetType).HasConversion<string>().HasMaxLength(FieldLengths.Enum);
        builder.Property(c => c.Format).HasMaxLength(FieldLengths.Format);
        builder.Property(c => c.Culture).HasMaxLength(FieldLengths.Format);
        builder.Property(c => c.DefaultValue).HasMaxLength(FieldLengths.Description);
        builder.Property(c => c.Expression).HasMaxLength(FieldLengths.Expression);
        builder.Property(c => c.Derived).HasConversion<string>().HasMaxLength(FieldLengths.Enum);
    }
}

using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EtlStudio.Data.Configurations;

internal sealed class FlowRunStepConfiguration : IEntityTypeConfiguration<FlowRunStep>
{
    public void Configure(EntityTypeBuilder<FlowRunStep> builder)
    {
        builder.ToTable("RunSteps");
        builder.HasIndex(s => s.RunId);
        builder.Property(s => s.Name).HasMaxLength(FieldLengths.Name);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(FieldLengths.Enum);
    }
}

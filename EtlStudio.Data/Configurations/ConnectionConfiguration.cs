using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EtlStudio.Data.Configurations;

internal sealed class ConnectionConfiguration : IEntityTypeConfiguration<Connection>
{
    public void Configure(EntityTypeBuilder<Connection> builder)
    {
        builder.ToTable("Connections");
        builder.Property(c => c.Name).HasMaxLength(FieldLengths.Name);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(FieldLengths.Enum);
        builder.Property(c => c.Settings);
        // Its own unbounded column so the host can encrypt it with Data Protection (the protected payload is longer
        // than the plain text) without a schema change: the model only ever sees the stored string.
        builder.Property(c => c.Secret);
    }
}

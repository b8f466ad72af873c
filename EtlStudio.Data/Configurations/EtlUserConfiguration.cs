using EtlStudio.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EtlStudio.Data.Configurations;

internal sealed class EtlUserConfiguration : IEntityTypeConfiguration<EtlUser>
{
    public void Configure(EntityTypeBuilder<EtlUser> builder)
    {
        // SHA-256 as 64 hex digits; looked up on every request that carries an API key.
        builder.Property(u => u.ApiKeyHash).HasMaxLength(64);
        builder.HasIndex(u => u.ApiKeyHash).IsUnique();
    }
}

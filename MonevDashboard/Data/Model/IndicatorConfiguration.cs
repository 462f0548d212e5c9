using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MonevDashboard.Data.Model;

internal sealed class PillarConfiguration : IEntityTypeConfiguration<Pillar>
{
    public void Configure(EntityTypeBuilder<Pillar> builder)
    {
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Property(p => p.Code).HasMaxLength(8);
        builder.Property(p => p.NameId).HasMaxLength(200);
        builder.Property(p => p.NameEn).HasMaxLength(200);
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.HasIndex(i => i.Code).IsUnique();
        builder.Property(i => i.Code).HasMaxLength(40);
        builder.Property(i => i.NameId).HasMaxLength(300);
        builder.Property(i => i.NameEn).HasMaxLength(300);
        builder.Property(i => i.Unit).HasMaxLength(40);
        builder.Property(i => i.UnitEn).HasMaxLength(40);
        builder.HasOne(i => i.Pillar).WithMany(p => p.Indicators).HasForeignKey(i => i.PillarId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.Version).IsConcurrencyToken();
    }
}

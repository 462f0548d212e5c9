using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MonevDashboard.Data.Model;

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> builder)
    {
        builder.HasIndex(t => new { t.IndicatorId, t.Year, t.Quarter }).IsUnique();
        builder.HasOne<Indicator>().WithMany().HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.ToTable(t => t.HasCheckConstraint("CK_Target_Quarter", "Quarter BETWEEN 0 AND 4"));
    }
}

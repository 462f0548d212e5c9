using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MonevDashboard.Data.Model;

internal sealed class ObservationConfiguration : IEntityTypeConfiguration<Observation>
{
    public void Configure(EntityTypeBuilder<Observation> builder)
    {
        // The natural key; its leading columns (indicator, year, quarter) are also the dashboard's access path.
        builder.HasIndex(o => new { o.IndicatorId, o.Year, o.Quarter, o.ProvinceCode, o.CountryCode, o.Sex })
            .IsUnique()
            .HasDatabaseName("UX_Observation_NaturalKey");
        // Every figure of the dashboard and the report is a GROUP BY over a range of quarters. This index holds all the
        // columns those queries read (the filters' dimensions and the summed values), so SQLite answers them from the
        // index alone, in (year, quarter, indicator) order, without touching the table (README "Performance"). Country
        // comes before province so that the report's breakdown of every indicator by country is read in group order
        // too; by province, the natural key's order serves.
        builder.HasIndex(o => new { o.Year, o.Quarter, o.IndicatorId, o.CountryCode, o.ProvinceCode, o.Sex, o.Value, o.Numerator, o.Denominator })
            .HasDatabaseName("IX_Observation_PeriodFigures");
        builder.HasIndex(o => o.ImportBatchId);
        builder.Property(o => o.ProvinceCode).HasMaxLength(2);
        builder.Property(o => o.CountryCode).HasMaxLength(2);
        builder.Property(o => o.Sex).HasMaxLength(1);
        builder.Property(o => o.Source).HasMaxLength(300);
        builder.Property(o => o.Note).HasMaxLength(2000);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasOne<Indicator>().WithMany().HasForeignKey(o => o.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Observation_Quarter", "Quarter BETWEEN 1 AND 4");
            t.HasCheckConstraint("CK_Observation_Sex", "Sex IN ('', 'L', 'P')");
        });
    }
}

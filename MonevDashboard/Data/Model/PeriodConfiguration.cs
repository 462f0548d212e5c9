using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MonevDashboard.Data.Model;

internal sealed class ReportingPeriodConfiguration : IEntityTypeConfiguration<ReportingPeriod>
{
    public void Configure(EntityTypeBuilder<ReportingPeriod> builder)
    {
        builder.HasKey(p => new { p.Year, p.Quarter });
        builder.ToTable(t => t.HasCheckConstraint("CK_ReportingPeriod_Quarter", "Quarter BETWEEN 1 AND 4"));
    }
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> builder)
    {
        builder.HasIndex(s => new { s.Year, s.Quarter, s.Ministry }).IsUnique();
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}

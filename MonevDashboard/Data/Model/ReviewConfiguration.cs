using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MonevDashboard.Data.Model;

internal sealed class NarrativeConfiguration : IEntityTypeConfiguration<Narrative>
{
    public void Configure(EntityTypeBuilder<Narrative> builder)
    {
        builder.HasIndex(n => new { n.IndicatorId, n.Year, n.Quarter }).IsUnique();
        builder.HasOne<Indicator>().WithMany().HasForeignKey(n => n.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(n => n.Version).IsConcurrencyToken();
    }
}

internal sealed class ReviewMeetingConfiguration : IEntityTypeConfiguration<ReviewMeeting>
{
    public void Configure(EntityTypeBuilder<ReviewMeeting> builder)
    {
        builder.HasIndex(m => new { m.Year, m.Quarter }).IsUnique();
        builder.HasMany(m => m.ActionItems).WithOne(a => a.ReviewMeeting).HasForeignKey(a => a.ReviewMeetingId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.Version).IsConcurrencyToken();
    }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> builder)
    {
        builder.HasIndex(a => a.DueDate);
        builder.HasOne<Indicator>().WithMany().HasForeignKey(a => a.IndicatorId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(a => a.Version).IsConcurrencyToken();
    }
}

internal sealed class ReviewSnapshotConfiguration : IEntityTypeConfiguration<ReviewSnapshot>
{
    public void Configure(EntityTypeBuilder<ReviewSnapshot> builder)
    {
        builder.HasIndex(s => new { s.Year, s.Quarter, s.TakenAt });
        builder.HasMany(s => s.Figures).WithOne().HasForeignKey(f => f.ReviewSnapshotId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SnapshotFigureConfiguration : IEntityTypeConfiguration<SnapshotFigure>
{
    public void Configure(EntityTypeBuilder<SnapshotFigure> builder)
    {
        builder.HasIndex(f => new { f.ReviewSnapshotId, f.IndicatorId, f.Dimension, f.DimensionCode }).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MonevDashboard.Data.Model;

/// <summary>The disaggregation level a <see cref="FigureTotal"/> row sums at.</summary>
public enum FigureLevel
{
    /// <summary>The indicator's whole figure for the quarter (code "").</summary>
    Total = 0,
    Province = 1,
    Country = 2,
    Sex = 3,
}

/// <summary>
/// A maintained aggregate: the sum of one indicator's observations in one quarter, in total or for one province,
/// country or sex (code "" = the cells that do not name one). Kept in the same transaction as every write to
/// <see cref="Observation"/> (<see cref="FigureTotals"/>), so the dashboard, indicator page, report, review and the
/// reporting progress read a few hundred rows instead of grouping a million; always equal to a GROUP BY over the
/// observations.
/// </summary>
public sealed class FigureTotal
{
    public int IndicatorId { get; set; }
    public int Year { get; set; }
    public int Quarter { get; set; }
    public FigureLevel Level { get; set; }
    public string Code { get; set; } = "";
    public double Value { get; set; }
    public double? Numerator { get; set; }
    public double? Denominator { get; set; }
    /// <summary>How many observations the row sums.</summary>
    public int Cells { get; set; }

    /// <summary>Of those, how many are in each workflow status (the reporting progress's least advanced status).</summary>
    public int Drafts { get; set; }
    public int Submitted { get; set; }
    public int Verified { get; set; }
    public int Returned { get; set; }
}

/// <summary>
/// A counter per reporting year (year 0: what every year's figures depend on — indicators, thresholds, reference
/// lists), raised in the transaction of every write that changes what a view of that year shows. Cached views are
/// keyed by it, so a write invalidates exactly the years it touched, on every app instance sharing the database.
/// </summary>
public sealed class FigureVersion
{
    public const int AllYears = 0;

    public int Year { get; set; }
    public long Version { get; set; }
}

internal sealed class FigureTotalConfiguration : IEntityTypeConfiguration<FigureTotal>
{
    public void Configure(EntityTypeBuilder<FigureTotal> builder)
    {
        // Leading (level, code, year, quarter): a view of every indicator for a window of quarters, whole or for one
        // province, country or sex, is one range of the key.
        builder.HasKey(t => new { t.Level, t.Code, t.Year, t.Quarter, t.IndicatorId });
        // One indicator's breakdown (every province of a year) and the refresh of the quarters a write touched.
        builder.HasIndex(t => new { t.IndicatorId, t.Year, t.Quarter, t.Level }).HasDatabaseName("IX_FigureTotal_Indicator");
        builder.Property(t => t.Code).HasMaxLength(2);
        builder.ToTable("FigureTotals");
    }
}

internal sealed class FigureVersionConfiguration : IEntityTypeConfiguration<FigureVersion>
{
    public void Configure(EntityTypeBuilder<FigureVersion> builder)
    {
        builder.HasKey(v => v.Year);
        builder.Property(v => v.Year).ValueGeneratedNever();
        builder.ToTable("FigureVersions");
    }
}

using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Features.Observations;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Features.DataEntry;

public sealed record MinistryProgress(Ministry Ministry, SubmissionStatus Status, double CompletenessPercent, int Reported, int Expected,
    DateOnly Deadline, DateTime? SubmittedAt);

/// <summary>Where reporting of a quarter stands: each ministry's workflow and completeness, and each indicator's status.</summary>
public sealed record ReportingProgress(YearQuarter Period, IReadOnlyList<MinistryProgress> Ministries, IReadOnlyDictionary<string, ObservationStatus> IndicatorStatuses);

/// <summary>
/// The reporting status shown on the dashboard and the indicator page. Completeness comes from the same entry sheet
/// the operators fill (blank ≠ zero); an indicator's status is its least advanced figure's (Returned before Draft
/// before Submitted before Verified), from one GROUP BY.
/// </summary>
public sealed class ReportingProgressService(IDbContextFactory<MonevDbContext> contextFactory, DataEntryService entry)
{
    public async Task<ReportingProgress> GetAsync(YearQuarter period, CancellationToken cancellationToken = default)
    {
        var ministries = new List<MinistryProgress>();
        foreach (var ministry in Dashboard.DerivedIndicators.ReportingMinistries)
        {
            var sheet = await entry.GetSheetAsync(period, ministry, cancellationToken);
            ministries.Add(new MinistryProgress(ministry, sheet.Status, sheet.CompletenessPercent, sheet.ReportedCells, sheet.ExpectedCells,
                period.ReportDeadline, sheet.SubmittedAt));
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Observations.AsNoTracking()
            .Where(o => o.Year == period.Year && o.Quarter == period.Quarter)
            .GroupBy(o => new { o.IndicatorId, o.Status })
            .Select(g => new { g.Key.IndicatorId, g.Key.Status })
            .ToListAsync(cancellationToken);
        var codes = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Code, cancellationToken);
        var statuses = rows.GroupBy(r => r.IndicatorId)
            .ToDictionary(g => codes.GetValueOrDefault(g.Key, "?"), g => LeastAdvanced(g.Select(r => r.Status)));
        return new ReportingProgress(period, ministries, statuses);
    }

    internal static ObservationStatus LeastAdvanced(IEnumerable<ObservationStatus> statuses)
    {
        var set = statuses.ToHashSet();
        return set.Contains(ObservationStatus.Returned) ? ObservationStatus.Returned
            : set.Contains(ObservationStatus.Draft) ? ObservationStatus.Draft
            : set.Contains(ObservationStatus.Submitted) ? ObservationStatus.Submitted
            : ObservationStatus.Verified;
    }
}

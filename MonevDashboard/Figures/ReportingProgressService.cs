using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Figures;

/// <param name="Report">The report's state by the one rule of <see cref="ReportState.Of"/> (status, deadline, days overdue).</param>
public sealed record MinistryProgress(Ministry Ministry, ReportState Report, double CompletenessPercent, int Reported, int Expected,
    DateTime? SubmittedAt)
{
    public SubmissionStatus Status => Report.Status;

    public DateOnly Deadline => Report.Deadline;
}

/// <summary>Where reporting of a quarter stands: each ministry's workflow and completeness, and each indicator's status.</summary>
public sealed record ReportingProgress(YearQuarter Period, IReadOnlyList<MinistryProgress> Ministries, IReadOnlyDictionary<string, ObservationStatus> IndicatorStatuses);

/// <summary>
/// The reporting status shown on the dashboard and the indicator page. Completeness counts what the operators' entry
/// sheet counts (blank ≠ zero; see <see cref="EntryCells.Expected(Disaggregation, int, int)"/>), and an indicator's status is its
/// least advanced figure's (Returned before Draft before Submitted before Verified).
/// </summary>
/// <remarks>
/// Read from the maintained totals (<see cref="FigureTotal"/>: cells and their count by status per indicator and
/// quarter, and the countries reported per indicator) rather than by building both ministries' entry sheets or grouping
/// the observations: at a million observations the sheets loaded some 100,000 rows into memory and took over a second
/// on every dashboard view (README "Performance"). A fixed number of small queries, and shared by every circuit through
/// <see cref="FigureViewCache"/>.
/// </remarks>
public sealed class ReportingProgressService(IDbContextFactory<MonevDbContext> contextFactory, AccessGuard guard, FigureViewCache cache, TimeProvider clock)
{
    public async Task<ReportingProgress> GetAsync(YearQuarter period, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ViewFigures);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var from = period.Minus(EntryCells.CountryHistoryQuarters);
        // Today is part of the key: a report becomes overdue when a day passes, without any write to clear the cache.
        var today = clock.TodayInWib();
        return await cache.GetAsync(db, $"progress|{period}|{today.DayNumber}", from.Year, period.Year, async ct =>
        {
            await using var own = await contextFactory.CreateDbContextAsync(ct);
            return await ComputeAsync(own, period, today, ct);
        }, cancellationToken);
    }

    private static async Task<ReportingProgress> ComputeAsync(MonevDbContext db, YearQuarter period, DateOnly today, CancellationToken cancellationToken)
    {
        var indicators = await db.Indicators.AsNoTracking()
            .Select(i => new { i.Id, i.Code, i.Owner, i.Disaggregations, i.IsActive, i.Aggregation })
            .ToListAsync(cancellationToken);
        var (year, quarter) = (period.Year, period.Quarter);
        var cells = await db.FigureTotals.AsNoTracking()
            .Where(t => t.Level == FigureLevel.Total && t.Code == "" && t.Year == year && t.Quarter == quarter)
            .Select(t => new { t.IndicatorId, t.Cells, Draft = t.Drafts, t.Submitted, t.Verified, t.Returned })
            .ToDictionaryAsync(c => c.IndicatorId, cancellationToken);

        // Entered indicators as the entry sheet lists them: active and not computed by the system.
        var entered = indicators.Where(i => i.IsActive && i.Aggregation != TimeAggregation.Derived).ToList();
        var byCountry = entered.Where(i => (i.Disaggregations & Disaggregation.Country) != 0).Select(i => i.Id).ToList();
        var from = period.Minus(EntryCells.CountryHistoryQuarters);
        var countries = await db.FigureTotals.AsNoTracking()
            .Where(t => byCountry.Contains(t.IndicatorId) && t.Level == FigureLevel.Country && t.Code != ""
                && t.Year >= from.Year && t.Year <= year
                && (t.Year > from.Year || t.Quarter >= from.Quarter) && (t.Year < year || t.Quarter <= quarter))
            .GroupBy(t => t.IndicatorId)
            .Select(g => new { IndicatorId = g.Key, Countries = g.Select(t => t.Code).Distinct().Count() })
            .ToDictionaryAsync(c => c.IndicatorId, c => c.Countries, cancellationToken);
        var provinces = await db.Provinces.CountAsync(cancellationToken);
        var submissions = await db.Submissions.AsNoTracking()
            .Where(s => s.Year == year && s.Quarter == quarter)
            .Select(s => new { s.Ministry, s.Status, s.SubmittedAt })
            .ToListAsync(cancellationToken);

        var ministries = new List<MinistryProgress>();
        foreach (var ministry in DerivedIndicators.ReportingMinistries)
        {
            int reported = 0, expected = 0;
            foreach (var i in entered.Where(i => i.Owner == ministry || i.Owner == Ministry.Bersama))
            {
                var cellsExpected = EntryCells.Expected(i.Disaggregations, provinces, countries.GetValueOrDefault(i.Id));
                expected += cellsExpected;
                reported += Math.Min(cells.TryGetValue(i.Id, out var c) ? c.Cells : 0, cellsExpected);
            }
            var submission = submissions.FirstOrDefault(s => s.Ministry == ministry);
            ministries.Add(new MinistryProgress(ministry, ReportState.Of(period, submission?.Status, today),
                Ratio.Percent(reported, expected) ?? 0, reported, expected, submission?.SubmittedAt));
        }
        var codes = indicators.ToDictionary(i => i.Id, i => i.Code);
        static IEnumerable<ObservationStatus> Present(int draft, int submitted, int verified, int returned) =>
            new[] { (ObservationStatus.Draft, draft), (ObservationStatus.Submitted, submitted), (ObservationStatus.Verified, verified), (ObservationStatus.Returned, returned) }
                .Where(s => s.Item2 > 0).Select(s => s.Item1);
        var statuses = cells.Values.ToDictionary(
            c => codes.GetValueOrDefault(c.IndicatorId, "?"),
            c => LeastAdvanced(Present(c.Draft, c.Submitted, c.Verified, c.Returned)));
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

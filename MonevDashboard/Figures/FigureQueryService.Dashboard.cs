using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Data.Model;

namespace MonevDashboard.Figures;

public sealed partial class FigureQueryService
{
    /// <summary>
    /// One dashboard view: every indicator's figures, the pillar summary, and the province, country and sex
    /// breakdowns of the chosen (or the first fitting) indicator. The number of queries is fixed — it does not grow
    /// with the number of indicators, pillars or provinces.
    /// </summary>
    /// <param name="chartIndicatorCode">The indicator the charts show; the first displayed one when null or unknown.</param>
    public async Task<DashboardFigures> GetDashboardAsync(FigureFilter filter, string? chartIndicatorCode, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await CachedAsync(db, $"dashboard|{chartIndicatorCode}|{filter}", filter, async ct =>
        {
            await using var own = await contextFactory.CreateDbContextAsync(ct);
            return await BuildDashboardAsync(own, filter, chartIndicatorCode, ct);
        }, cancellationToken);
    }

    private async Task<DashboardFigures> BuildDashboardAsync(MonevDbContext db, FigureFilter filter, string? chartIndicatorCode, CancellationToken cancellationToken)
    {
        // Every active indicator is computed (one query either way; AllIndicators serves lookups and the benchmark),
        // and the pillar and owner filters select among them what every card and chart of the view shows.
        var indicators = await ActiveIndicators(db, filter with { PillarCode = null, Owner = null }).ToListAsync(cancellationToken);
        var all = await LoadFiguresAsync(db, filter, indicators, onlyIndicatorId: null, cancellationToken);
        var selected = all.Where(f => IsSelected(f, filter)).ToList();
        var chart = selected.FirstOrDefault(f => f.Code == chartIndicatorCode) ?? selected.FirstOrDefault();

        var byId = indicators.ToDictionary(i => i.Id);
        async Task<Breakdown?> BreakdownFor(BreakdownDimension dimension, Dictionary<string, (string, string)> names)
        {
            var figure = BreakdownIndicator(selected, chart, filter, dimension);
            return figure is null ? null : await BreakdownAsync(db, filter, byId[figure.IndicatorId], dimension, names, cancellationToken);
        }
        var provinces = await DimensionNamesAsync(db, BreakdownDimension.Province, cancellationToken);
        var countries = await DimensionNamesAsync(db, BreakdownDimension.Country, cancellationToken);
        var sexes = await DimensionNamesAsync(db, BreakdownDimension.Sex, cancellationToken);
        return new DashboardFigures(all, selected, SummarizePillars(selected), chart,
            await BreakdownFor(BreakdownDimension.Province, provinces),
            await BreakdownFor(BreakdownDimension.Country, countries),
            await BreakdownFor(BreakdownDimension.Sex, sexes));
    }

    /// <summary>
    /// The choices of the filter bar: reporting years up to the current one, pillars, provinces, countries — read-only
    /// lists, because pages share one load of them (<see cref="SharedFilterOptions"/>) across circuits.
    /// </summary>
    public async Task<FilterOptions> GetFilterOptionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var currentYear = clock.CurrentReportingQuarter().Year;
        var years = await db.Periods.AsNoTracking().Where(p => p.Year <= currentYear)
            .Select(p => p.Year).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken);
        if (years.Count == 0)
        {
            years.Add(currentYear);
        }
        var pillars = await db.Pillars.AsNoTracking().OrderBy(p => p.SortOrder)
            .Select(p => new NamedOption(p.Code, p.NameId, p.NameEn)).ToListAsync(cancellationToken);
        var provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new NamedOption(p.Code, p.Name, p.Name)).ToListAsync(cancellationToken);
        var countries = await db.Countries.AsNoTracking().OrderBy(c => c.NameId)
            .Select(c => new NamedOption(c.Code, c.NameId, c.NameEn)).ToListAsync(cancellationToken);
        return new FilterOptions(years.AsReadOnly(), pillars.AsReadOnly(), provinces.AsReadOnly(), countries.AsReadOnly());
    }

    /// <summary>Counts the indicators of each pillar by status, in pillar order. Counts statuses, never figures.</summary>
    public static IReadOnlyList<PillarSummary> SummarizePillars(IEnumerable<IndicatorFigure> figures) =>
        [.. figures.GroupBy(f => f.PillarCode)
            .Select(g =>
            {
                var first = g.First();
                int Count(AchievementStatus status) => g.Count(f => f.Achievement.Status == status);
                return new PillarSummary(g.Key, first.PillarNameId, first.PillarNameEn, g.Count(),
                    Count(AchievementStatus.OnTrack), Count(AchievementStatus.NeedsAttention), Count(AchievementStatus.Critical),
                    Count(AchievementStatus.NoTarget), Count(AchievementStatus.NoData));
            })];

    private static bool IsSelected(IndicatorFigure figure, FigureFilter filter) =>
        (string.IsNullOrEmpty(filter.PillarCode) || figure.PillarCode == filter.PillarCode)
        && (filter.Owner is null || figure.Owner == filter.Owner);

    /// <summary>
    /// The indicator a breakdown chart shows: the chart's indicator when it is broken down that way, else the
    /// first displayed flow (whose cells add up to a meaningful whole) that is, else the first that is at all.
    /// A chart showing another indicator than the chosen one says so (DashboardCharts), never silently.
    /// </summary>
    internal static IndicatorFigure? BreakdownIndicator(
        IReadOnlyList<IndicatorFigure> displayed, IndicatorFigure? chart, FigureFilter filter, BreakdownDimension dimension)
    {
        if (chart is not null && CanBreakDown(chart.Disaggregations, filter, dimension))
        {
            return chart;
        }
        var fitting = displayed.Where(f => CanBreakDown(f.Disaggregations, filter, dimension)).ToList();
        return fitting.FirstOrDefault(f => f.Aggregation == TimeAggregation.Sum) ?? fitting.FirstOrDefault();
    }
}

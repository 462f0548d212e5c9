using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Data.Model;

using MonevDashboard.Features.Periods;
namespace MonevDashboard.Figures;

/// <summary>
/// The one place that turns stored observations into figures. Totals are read from the maintained aggregates
/// (<see cref="FigureTotal"/>, kept by every write in its transaction) — never a scan of the observations for a total a
/// row could give; only a filter on two dimensions at once groups observations. Only indicator × quarter rows reach
/// memory, where the pure achievement rules apply. A dashboard render costs a fixed number of queries, however many indicators there are. The report
/// workbook uses the same service, so screen and Excel cannot disagree.
/// </summary>
public sealed partial class FigureQueryService(IDbContextFactory<MonevDbContext> contextFactory, TimeProvider clock, FigureViewCache cache)
{
    public const int TrendQuarters = 8;

    public async Task<IReadOnlyList<IndicatorFigure>> GetIndicatorFiguresAsync(FigureFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await CachedAsync(db, $"figures|{filter}", filter, async ct =>
        {
            await using var own = await contextFactory.CreateDbContextAsync(ct);
            var indicators = await ActiveIndicators(own, filter).ToListAsync(ct);
            return await LoadFiguresAsync(own, filter, indicators, onlyIndicatorId: null, ct);
        }, cancellationToken);
    }

    /// <summary>
    /// A view through the shared cache (<see cref="FigureViewCache"/>), keyed by the question and the versions of the
    /// years of the filter's trend window; the build gets a context of its own, since it may outlive the caller.
    /// </summary>
    private Task<T> CachedAsync<T>(MonevDbContext db, string question, FigureFilter filter, Func<CancellationToken, Task<T>> build, CancellationToken cancellationToken)
        where T : class =>
        cache.GetAsync(db, question, filter.Period.Minus(TrendQuarters - 1).Year, filter.Period.Year, build, cancellationToken);

    /// <summary>One indicator's figures for the filter's period (active or not); null when the code is unknown.</summary>
    public async Task<IndicatorFigure?> GetIndicatorFigureAsync(FigureFilter filter, string indicatorCode, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var figures = await CachedAsync(db, $"figure|{indicatorCode}|{filter}", filter, async ct =>
        {
            await using var own = await contextFactory.CreateDbContextAsync(ct);
            var indicator = await own.Indicators.AsNoTracking().Include(i => i.Pillar).FirstOrDefaultAsync(i => i.Code == indicatorCode, ct);
            return indicator is null ? [] : await LoadFiguresAsync(own, filter, [indicator], indicator.Id, ct);
        }, cancellationToken);
        return figures.Count == 0 ? null : figures[0];
    }

    /// <summary>
    /// The figures of <paramref name="indicators"/>: a fixed number of queries (thresholds, targets, one GROUP BY over
    /// the observations, the two derived sources) whatever the number of indicators.
    /// </summary>
    private async Task<IReadOnlyList<IndicatorFigure>> LoadFiguresAsync(
        MonevDbContext db, FigureFilter filter, List<Indicator> indicators, int? onlyIndicatorId, CancellationToken cancellationToken)
    {
        var period = filter.Period;
        var first = YearQuarter.FromIndex(Math.Min(new YearQuarter(period.Year, 1).Index, period.Minus(TrendQuarters - 1).Index));
        var thresholds = await GetThresholdsAsync(db, cancellationToken);
        var targetLookup = await TargetLookupAsync(db, first.Year, period.Year, onlyIndicatorId, cancellationToken);
        var aggregates = await QuarterAggregates(db, filter, first, period, onlyIndicatorId).ToListAsync(cancellationToken);
        var derived = await DerivedAggregatesAsync(db, filter, indicators, first, period, cancellationToken);

        var byIndicator = aggregates.Concat(derived).ToLookup(a => a.IndicatorId);
        return [.. indicators.Select(i => BuildFigure(i, filter, byIndicator[i.Id].ToList(), targetLookup, thresholds))];
    }

    private static async Task<Dictionary<(int IndicatorId, int Year, int Quarter), double>> TargetLookupAsync(
        MonevDbContext db, int fromYear, int toYear, int? onlyIndicatorId, CancellationToken cancellationToken)
    {
        var query = db.Targets.AsNoTracking().Where(t => t.Year >= fromYear && t.Year <= toYear);
        if (onlyIndicatorId is { } id)
        {
            query = query.Where(t => t.IndicatorId == id);
        }
        var targets = await query.Select(t => new { t.IndicatorId, t.Year, t.Quarter, t.Value }).ToListAsync(cancellationToken);
        return targets.ToDictionary(t => (t.IndicatorId, t.Year, t.Quarter), t => t.Value);
    }

    /// <summary>A breakdown of one indicator by province, country or sex for the filter's quarter and year to date.</summary>
    public async Task<IReadOnlyList<BreakdownRow>> GetBreakdownAsync(
        FigureFilter filter, string indicatorCode, BreakdownDimension dimension, CancellationToken cancellationToken = default) =>
        (await GetBreakdownTableAsync(filter, indicatorCode, dimension, cancellationToken))?.Rows ?? [];

    /// <summary>
    /// A breakdown with its totals (one more GROUP BY, so the total row is the database's figure, not a sum of the
    /// rounded rows on screen); null when the indicator is unknown, not broken down by <paramref name="dimension"/>,
    /// or not by a dimension the filter narrows to.
    /// </summary>
    public async Task<Breakdown?> GetBreakdownTableAsync(
        FigureFilter filter, string indicatorCode, BreakdownDimension dimension, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var breakdown = await CachedAsync(db, $"breakdown|{indicatorCode}|{dimension}|{filter}", filter, async ct =>
        {
            await using var own = await contextFactory.CreateDbContextAsync(ct);
            var indicator = await own.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Code == indicatorCode, ct);
            if (indicator is null || !CanBreakDown(indicator.Disaggregations, filter, dimension))
            {
                return new List<Breakdown>();
            }
            var names = await DimensionNamesAsync(own, dimension, ct);
            return [await BreakdownAsync(own, filter, indicator, dimension, names, ct)];
        }, cancellationToken);
        return breakdown.Count == 0 ? null : breakdown[0];
    }

    /// <summary>
    /// The breakdowns of every active indicator that allows <paramref name="dimension"/>, in one GROUP BY
    /// (indicator × group × quarter) rather than a query per indicator; keyed by indicator code, rows ordered as
    /// <see cref="GetBreakdownAsync"/> orders them. Indicators without data in the year are absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<BreakdownRow>>> GetBreakdownsAsync(
        FigureFilter filter, BreakdownDimension dimension, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await CachedAsync(db, $"breakdowns|{dimension}|{filter}", filter, async ct =>
        {
            await using var own = await contextFactory.CreateDbContextAsync(ct);
            return await BuildBreakdownsAsync(own, filter, dimension, ct);
        }, cancellationToken);
    }

    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<BreakdownRow>>> BuildBreakdownsAsync(
        MonevDbContext db, FigureFilter filter, BreakdownDimension dimension, CancellationToken cancellationToken)
    {
        var indicators = (await ActiveIndicators(db, filter).ToListAsync(cancellationToken))
            .Where(i => CanBreakDown(i.Disaggregations, filter, dimension))
            .ToList();
        var ids = indicators.Select(i => i.Id).ToList();
        var cells = (await BreakdownCells(db, filter, dimension, ids).ToListAsync(cancellationToken)).ToLookup(c => c.IndicatorId);
        var names = await DimensionNamesAsync(db, dimension, cancellationToken);
        return indicators
            .Where(i => cells[i.Id].Any())
            .ToDictionary(i => i.Code, i => ToBreakdownRows(i.Aggregation, filter, [.. cells[i.Id]], names), StringComparer.Ordinal);
    }

    internal static Disaggregation DisaggregationOf(BreakdownDimension dimension) => dimension switch
    {
        BreakdownDimension.Province => Disaggregation.Province,
        BreakdownDimension.Country => Disaggregation.Country,
        _ => Disaggregation.Sex,
    };

    internal static bool CanBreakDown(Disaggregation allowed, FigureFilter filter, BreakdownDimension dimension) =>
        (allowed & DisaggregationOf(dimension)) == DisaggregationOf(dimension) && filter.AppliesTo(allowed);

    private static async Task<Breakdown> BreakdownAsync(
        MonevDbContext db, FigureFilter filter, Indicator indicator, BreakdownDimension dimension,
        IReadOnlyDictionary<string, (string NameId, string NameEn)> names, CancellationToken cancellationToken)
    {
        var rows = await BreakdownCells(db, filter, dimension, [indicator.Id]).ToListAsync(cancellationToken);
        var window = new YearQuarter(filter.Year, 1);
        var totals = (await QuarterAggregates(db, filter, window, filter.Period, indicator.Id).ToListAsync(cancellationToken))
            .Select(a => new QuarterFigure(a.Quarter, a.Value, a.Numerator, a.Denominator))
            .ToList();
        return new Breakdown(indicator.Code, dimension, ToBreakdownRows(indicator.Aggregation, filter, rows, names),
            TimeAggregator.Aggregate(indicator.Aggregation, [.. totals.Where(t => t.Quarter == filter.Quarter)]),
            TimeAggregator.Aggregate(indicator.Aggregation, totals));
    }

    /// <summary>
    /// The cells of a breakdown (indicator × group × quarter of the filter's year up to its quarter): read from the
    /// maintained totals when the filter narrows by nothing but the breakdown's own dimension, else grouped from the
    /// observations (a province breakdown of women only needs both dimensions at once, which no total keeps).
    /// </summary>
    private static IQueryable<BreakdownCell> BreakdownCells(MonevDbContext db, FigureFilter filter, BreakdownDimension dimension, List<int> ids)
    {
        var level = LevelOf(dimension);
        if (TotalsLevel(filter) is { } narrowed && (narrowed.Level == FigureLevel.Total || narrowed.Level == level))
        {
            var totals = db.FigureTotals.AsNoTracking()
                .Where(t => t.Level == level && ids.Contains(t.IndicatorId) && t.Year == filter.Year && t.Quarter <= filter.Quarter);
            if (narrowed.Level == level)
            {
                var code = narrowed.Code;
                totals = totals.Where(t => t.Code == code);
            }
            return totals.Select(t => new BreakdownCell(t.IndicatorId, t.Code, t.Quarter, t.Value, t.Numerator, t.Denominator));
        }
        var query = Filtered(db, filter).Where(o => ids.Contains(o.IndicatorId) && o.Year == filter.Year && o.Quarter <= filter.Quarter);
        var grouped = dimension switch
        {
            BreakdownDimension.Province => query.GroupBy(o => new { o.IndicatorId, Code = o.ProvinceCode, o.Quarter }),
            BreakdownDimension.Country => query.GroupBy(o => new { o.IndicatorId, Code = o.CountryCode, o.Quarter }),
            _ => query.GroupBy(o => new { o.IndicatorId, Code = o.Sex, o.Quarter }),
        };
        return grouped.Select(g => new BreakdownCell(g.Key.IndicatorId, g.Key.Code, g.Key.Quarter, g.Sum(o => o.Value), g.Sum(o => o.Numerator), g.Sum(o => o.Denominator)));
    }

    private static FigureLevel LevelOf(BreakdownDimension dimension) => dimension switch
    {
        BreakdownDimension.Province => FigureLevel.Province,
        BreakdownDimension.Country => FigureLevel.Country,
        _ => FigureLevel.Sex,
    };

    /// <summary>
    /// The maintained totals that hold the figures of a filter: the whole, or the one province, country or sex it
    /// narrows to; null when it narrows by two dimensions at once (no total keeps those, the observations answer).
    /// </summary>
    internal static (FigureLevel Level, string Code)? TotalsLevel(FigureFilter filter)
    {
        var narrowed = new List<(FigureLevel Level, string Code)>();
        if (!string.IsNullOrEmpty(filter.ProvinceCode))
        {
            narrowed.Add((FigureLevel.Province, filter.ProvinceCode));
        }
        if (!string.IsNullOrEmpty(filter.CountryCode))
        {
            narrowed.Add((FigureLevel.Country, filter.CountryCode));
        }
        if (!string.IsNullOrEmpty(filter.Sex))
        {
            narrowed.Add((FigureLevel.Sex, filter.Sex));
        }
        return narrowed.Count switch
        {
            0 => (FigureLevel.Total, ""),
            1 => narrowed[0],
            _ => null,
        };
    }

    private sealed record BreakdownCell(int IndicatorId, string Code, int Quarter, double Value, double? Numerator, double? Denominator);

    private static IReadOnlyList<BreakdownRow> ToBreakdownRows(
        TimeAggregation aggregation, FigureFilter filter, IReadOnlyList<BreakdownCell> rows, IReadOnlyDictionary<string, (string NameId, string NameEn)> names) =>
        [.. rows.GroupBy(r => r.Code)
            .Select(g =>
            {
                var quarters = g.Select(r => new QuarterFigure(r.Quarter, r.Value, r.Numerator, r.Denominator)).ToList();
                var current = quarters.Where(q => q.Quarter == filter.Quarter).ToList();
                var (nameId, nameEn) = names.TryGetValue(g.Key, out var n) ? n : (UnspecifiedName(g.Key), UnspecifiedNameEn(g.Key));
                return new BreakdownRow(g.Key, nameId, nameEn,
                    TimeAggregator.Aggregate(aggregation, current),
                    TimeAggregator.Aggregate(aggregation, quarters));
            })
            .OrderByDescending(r => filter.YearToDate ? r.YearToDateValue : r.QuarterValue)
            .ThenBy(r => r.Code, StringComparer.Ordinal)];

    public static async Task<StatusThresholds> GetThresholdsAsync(MonevDbContext db, CancellationToken cancellationToken)
    {
        var settings = await db.Settings.AsNoTracking()
            .Where(s => s.Key == AppSetting.OnTrackThreshold || s.Key == AppSetting.AttentionThreshold)
            .ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        static double? Parse(string? text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
        var onTrack = Parse(settings.GetValueOrDefault(AppSetting.OnTrackThreshold)) ?? StatusThresholds.Default.OnTrackPercent;
        var attention = Parse(settings.GetValueOrDefault(AppSetting.AttentionThreshold)) ?? StatusThresholds.Default.AttentionPercent;
        return StatusThresholds.IsValid(onTrack, attention) ? new StatusThresholds(onTrack, attention) : StatusThresholds.Default;
    }

    internal static IndicatorFigure BuildFigure(
        Indicator indicator, FigureFilter filter, IReadOnlyList<QuarterAggregate> aggregates,
        IReadOnlyDictionary<(int IndicatorId, int Year, int Quarter), double> targets, StatusThresholds thresholds)
    {
        var period = filter.Period;
        QuarterFigure ToFigure(QuarterAggregate a) => new(a.Quarter, a.Value, a.Numerator, a.Denominator);
        double? ValueOf(YearQuarter q)
        {
            var quarter = aggregates.Where(a => a.Year == q.Year && a.Quarter == q.Quarter).Select(ToFigure).ToList();
            return TimeAggregator.Aggregate(indicator.Aggregation, quarter);
        }
        double? TargetOf(int year, int quarter) => targets.TryGetValue((indicator.Id, year, quarter), out var t) ? t : null;

        // Targets are national: against a province, country or sex subset they would mislead, so none applies.
        var targetsApply = !filter.HasDimensionFilter;
        var annualTarget = targetsApply ? TargetOf(period.Year, Target.Annual) : null;
        var quarterTarget = targetsApply && !filter.YearToDate ? TargetOf(period.Year, period.Quarter) : null;
        var yearQuarters = aggregates.Where(a => a.Year == period.Year).Select(ToFigure).ToList();
        var achievement = AchievementCalculator.Evaluate(
            new AchievementInput(indicator.Aggregation, indicator.Direction, period.Quarter, yearQuarters, annualTarget, quarterTarget),
            thresholds);

        var trend = Enumerable.Range(0, TrendQuarters)
            .Select(i => period.Minus(TrendQuarters - 1 - i))
            .Select(q => new TrendPoint(q, ValueOf(q), targetsApply ? ComparableQuarterTarget(indicator, q, TargetOf) : null))
            .ToList();

        return new IndicatorFigure(
            indicator.Id, indicator.Code, indicator.NameId, indicator.NameEn,
            indicator.Pillar!.Code, indicator.Pillar.NameId, indicator.Pillar.NameEn,
            indicator.Unit, indicator.UnitEn, indicator.Owner, indicator.Aggregation, indicator.Direction, indicator.Disaggregations,
            achievement.QuarterValue, achievement.YearToDateValue, ValueOf(period.Previous()),
            annualTarget, quarterTarget, achievement, trend, filter.AppliesTo(indicator.Disaggregations));
    }

    /// <summary>
    /// The target a single quarter's figure can be compared with: the quarter target, or for shares and stocks
    /// (whose quarter figure is already "the figure of the year so far") the annual target. A flow's quarter is never
    /// compared with its annual target.
    /// </summary>
    private static double? ComparableQuarterTarget(Indicator indicator, YearQuarter quarter, Func<int, int, double?> targetOf) =>
        targetOf(quarter.Year, quarter.Quarter)
        ?? (indicator.IsRatioLike || indicator.Aggregation == TimeAggregation.Latest ? targetOf(quarter.Year, Target.Annual) : null);

    private static IQueryable<Indicator> ActiveIndicators(MonevDbContext db, FigureFilter filter)
    {
        var query = db.Indicators.AsNoTracking().Include(i => i.Pillar).Where(i => i.IsActive);
        if (!string.IsNullOrEmpty(filter.PillarCode))
        {
            query = query.Where(i => i.Pillar!.Code == filter.PillarCode);
        }
        if (filter.Owner is { } owner)
        {
            query = query.Where(i => i.Owner == owner);
        }
        return query.OrderBy(i => i.Pillar!.SortOrder).ThenBy(i => i.SortOrder);
    }

    internal static IQueryable<Observation> Filtered(MonevDbContext db, FigureFilter filter)
    {
        var query = db.Observations.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.ProvinceCode))
        {
            query = query.Where(o => o.ProvinceCode == filter.ProvinceCode);
        }
        if (!string.IsNullOrEmpty(filter.CountryCode))
        {
            query = query.Where(o => o.CountryCode == filter.CountryCode);
        }
        if (!string.IsNullOrEmpty(filter.Sex))
        {
            query = query.Where(o => o.Sex == filter.Sex);
        }
        return query;
    }

    private static IQueryable<QuarterAggregate> QuarterAggregates(
        MonevDbContext db, FigureFilter filter, YearQuarter first, YearQuarter last, int? onlyIndicatorId = null)
    {
        if (TotalsLevel(filter) is { } narrowed)
        {
            // The maintained totals: one range of their key (level, code, year, quarter) for every indicator at once.
            var (level, code) = narrowed;
            var totals = db.FigureTotals.AsNoTracking()
                .Where(t => t.Level == level && t.Code == code && t.Year >= first.Year && t.Year <= last.Year)
                .Where(t => (t.Year > first.Year || t.Quarter >= first.Quarter) && (t.Year < last.Year || t.Quarter <= last.Quarter));
            if (onlyIndicatorId is { } only)
            {
                totals = totals.Where(t => t.IndicatorId == only);
            }
            return totals.Select(t => new QuarterAggregate(t.IndicatorId, t.Year, t.Quarter, t.Value, t.Numerator, t.Denominator, t.Cells));
        }
        var query = Filtered(db, filter);
        if (onlyIndicatorId is { } id)
        {
            query = query.Where(o => o.IndicatorId == id);
        }
        // Two dimensions at once: grouped from the observations, one GROUP BY per calendar year of the window, joined
        // by UNION ALL (still one command): "year = y and quarter between a and b" is a tight range of the (year,
        // quarter, …) covering index (README "Performance").
        var union = Enumerable.Range(first.Year, last.Year - first.Year + 1)
            .Select(year =>
            {
                var (from, to) = (year == first.Year ? first.Quarter : 1, year == last.Year ? last.Quarter : 4);
                return query
                    .Where(o => o.Year == year && o.Quarter >= from && o.Quarter <= to)
                    .GroupBy(o => new { o.IndicatorId, o.Year, o.Quarter })
                    .Select(g => new
                    {
                        g.Key.IndicatorId, g.Key.Year, g.Key.Quarter,
                        Value = g.Sum(o => o.Value), Numerator = g.Sum(o => o.Numerator), Denominator = g.Sum(o => o.Denominator), Cells = g.Count(),
                    });
            })
            .Aggregate((all, part) => all.Concat(part));
        return union.Select(a => new QuarterAggregate(a.IndicatorId, a.Year, a.Quarter, a.Value, a.Numerator, a.Denominator, a.Cells));
    }

    private async Task<List<QuarterAggregate>> DerivedAggregatesAsync(
        MonevDbContext db, FigureFilter filter, List<Indicator> indicators, YearQuarter first, YearQuarter last, CancellationToken ct)
    {
        var result = new List<QuarterAggregate>();
        // Derived figures are national: with a province, country or sex filter they have no share to show.
        if (filter.HasDimensionFilter)
        {
            return result;
        }
        var reportIndicator = indicators.FirstOrDefault(i => i.Code == DerivedIndicators.ReportOnTime);
        var followUpIndicator = indicators.FirstOrDefault(i => i.Code == DerivedIndicators.FollowUpOnTime);
        var quarters = Enumerable.Range(first.Index, last.Index - first.Index + 1).Select(YearQuarter.FromIndex).ToList();
        var today = clock.TodayInWib();
        if (reportIndicator is not null)
        {
            var submissions = await db.Submissions.AsNoTracking()
                .Where(s => s.Year >= first.Year && s.Year <= last.Year)
                .Select(s => new { s.Year, s.Quarter, s.Ministry, s.FirstSubmittedAt })
                .ToListAsync(ct);
            foreach (var q in quarters)
            {
                var figure = DerivedIndicators.ReportsOnTime(q,
                    submissions.Where(s => s.Year == q.Year && s.Quarter == q.Quarter).Select(s => (s.Ministry, s.FirstSubmittedAt)), today);
                if (figure is { } f && q >= ReportingCalendar.ProgrammeStart)
                {
                    result.Add(RatioAggregate(reportIndicator.Id, q, f));
                }
            }
        }
        if (followUpIndicator is not null)
        {
            var from = first.FirstDay;
            var to = last.LastDay;
            var items = await db.ActionItems.AsNoTracking()
                .Where(a => a.DueDate >= from && a.DueDate <= to)
                .Select(a => new { a.DueDate, a.Status, a.CompletedOn })
                .ToListAsync(ct);
            foreach (var q in quarters)
            {
                if (DerivedIndicators.FollowUpsOnTime(q, items.Select(a => (a.DueDate, a.Status, a.CompletedOn)), today) is { } f)
                {
                    result.Add(RatioAggregate(followUpIndicator.Id, q, f));
                }
            }
        }
        return result;
    }

    private static QuarterAggregate RatioAggregate(int indicatorId, YearQuarter q, (double Numerator, double Denominator) f) =>
        new(indicatorId, q.Year, q.Quarter, Ratio.Percent(f.Numerator, f.Denominator) ?? 0, f.Numerator, f.Denominator, 1);

    internal static async Task<Dictionary<string, (string NameId, string NameEn)>> DimensionNamesAsync(
        MonevDbContext db, BreakdownDimension dimension, CancellationToken ct) => dimension switch
        {
            BreakdownDimension.Province => await db.Provinces.AsNoTracking().ToDictionaryAsync(p => p.Code, p => (p.Name, p.Name), ct),
            BreakdownDimension.Country => await db.Countries.AsNoTracking().ToDictionaryAsync(c => c.Code, c => (c.NameId, c.NameEn), ct),
            _ => Vocabulary.Sexes.ToDictionary(s => s, s => (Vocabulary.SexName(s), Vocabulary.SexName(s, english: true))),
        };

    internal static string UnspecifiedName(string code) => code.Length == 0 ? "Tidak dirinci" : code;
    internal static string UnspecifiedNameEn(string code) => code.Length == 0 ? "Not specified" : code;
}

using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Features.Indicators;

using MonevDashboard.Data.Model;

using MonevDashboard.Features.Periods;

namespace MonevDashboard.Figures;

public sealed partial class FigureQueryService
{
    public const int DefaultSeriesYears = 3;
    public const int MaxPageSize = 200;

    /// <summary>
    /// An indicator's quarters from the first quarter of <paramref name="years"/> − 1 years before the filter's year up
    /// to the filter's quarter, each with its figure, year to date, comparable target and achievement. One GROUP BY
    /// over the observations (plus targets and thresholds); empty when the code is unknown.
    /// </summary>
    public async Task<IReadOnlyList<TimeSeriesPoint>> GetTimeSeriesAsync(
        FigureFilter filter, string indicatorCode, int years = DefaultSeriesYears, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 1);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var indicator = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Code == indicatorCode, cancellationToken);
        if (indicator is null)
        {
            return [];
        }
        var last = filter.Period;
        var first = new YearQuarter(last.Year - years + 1, 1);
        var thresholds = await GetThresholdsAsync(db, cancellationToken);
        var targets = await TargetLookupAsync(db, first.Year, last.Year, indicator.Id, cancellationToken);
        var aggregates = await QuarterAggregates(db, filter, first, last, indicator.Id).ToListAsync(cancellationToken);
        aggregates.AddRange(await DerivedAggregatesAsync(db, filter, [indicator], first, last, cancellationToken));

        double? TargetOf(int year, int quarter) => targets.TryGetValue((indicator.Id, year, quarter), out var t) ? t : null;
        var targetsApply = !filter.HasDimensionFilter;
        return [.. Enumerable.Range(first.Index, last.Index - first.Index + 1).Select(YearQuarter.FromIndex).Select(q =>
        {
            var yearQuarters = aggregates.Where(a => a.Year == q.Year)
                .Select(a => new QuarterFigure(a.Quarter, a.Value, a.Numerator, a.Denominator)).ToList();
            var achievement = AchievementCalculator.Evaluate(
                new AchievementInput(indicator.Aggregation, indicator.Direction, q.Quarter, yearQuarters,
                    targetsApply ? TargetOf(q.Year, Target.Annual) : null,
                    targetsApply ? TargetOf(q.Year, q.Quarter) : null),
                thresholds);
            return new TimeSeriesPoint(q, achievement.QuarterValue, achievement.YearToDateValue,
                targetsApply ? ComparableQuarterTarget(indicator, q, TargetOf) : null, achievement);
        })];
    }

    /// <summary>
    /// The stored observations behind an indicator's figures for the filter's year up to its quarter (province,
    /// country and sex filters applied), one page of them, sorted in SQL. Reference names are looked up in the same
    /// query, so sorting by a name sorts the whole set, not the page.
    /// </summary>
    public async Task<ObservationPage> GetObservationPageAsync(ObservationPageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filter = request.Filter;
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = Math.Max(0, request.Page);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var indicatorId = await db.Indicators.Where(i => i.Code == request.IndicatorCode).Select(i => (int?)i.Id).FirstOrDefaultAsync(cancellationToken);
        if (indicatorId is not { } id)
        {
            return new ObservationPage([], 0);
        }
        var observations = Filtered(db, filter)
            .Where(o => o.IndicatorId == id && o.Year == filter.Year && o.Quarter <= filter.Quarter);
        var total = await observations.CountAsync(cancellationToken);
        var items = await Sorted(db, observations, request.SortBy, request.Descending)
            .Skip(page * pageSize).Take(pageSize)
            .Select(o => new ObservationRow(
                o.Id, o.Year, o.Quarter,
                o.ProvinceCode, db.Provinces.Where(p => p.Code == o.ProvinceCode).Select(p => p.Name).FirstOrDefault() ?? "",
                o.CountryCode,
                db.Countries.Where(c => c.Code == o.CountryCode).Select(c => c.NameId).FirstOrDefault() ?? "",
                db.Countries.Where(c => c.Code == o.CountryCode).Select(c => c.NameEn).FirstOrDefault() ?? "",
                o.Sex, o.Value, o.Numerator, o.Denominator, o.Status, o.Source, o.Note, o.UpdatedBy, o.UpdatedAt))
            .ToListAsync(cancellationToken);
        return new ObservationPage(items, total);
    }

    /// <summary>Sorts by a grid column (an <see cref="ObservationRow"/> property name) in SQL.</summary>
    private static IOrderedQueryable<Observation> Sorted(MonevDbContext db, IQueryable<Observation> rows, string? sortBy, bool descending)
    {
        IOrderedQueryable<Observation> By<TKey>(System.Linq.Expressions.Expression<Func<Observation, TKey>> key) =>
            descending ? rows.OrderByDescending(key) : rows.OrderBy(key);
        var sorted = sortBy switch
        {
            nameof(ObservationRow.Quarter) or nameof(ObservationRow.Period) => By(o => o.Quarter),
            nameof(ObservationRow.ProvinceName) => By(o => db.Provinces.Where(p => p.Code == o.ProvinceCode).Select(p => p.Name).FirstOrDefault()),
            nameof(ObservationRow.ProvinceCode) => By(o => o.ProvinceCode),
            nameof(ObservationRow.CountryNameId) => By(o => db.Countries.Where(c => c.Code == o.CountryCode).Select(c => c.NameId).FirstOrDefault()),
            nameof(ObservationRow.CountryNameEn) => By(o => db.Countries.Where(c => c.Code == o.CountryCode).Select(c => c.NameEn).FirstOrDefault()),
            nameof(ObservationRow.CountryCode) => By(o => o.CountryCode),
            nameof(ObservationRow.Sex) => By(o => o.Sex),
            nameof(ObservationRow.Value) => By(o => o.Value),
            nameof(ObservationRow.Numerator) => By(o => o.Numerator),
            nameof(ObservationRow.Denominator) => By(o => o.Denominator),
            nameof(ObservationRow.Status) => By(o => o.Status),
            nameof(ObservationRow.Source) => By(o => o.Source),
            nameof(ObservationRow.UpdatedBy) => By(o => o.UpdatedBy),
            nameof(ObservationRow.UpdatedAt) => By(o => o.UpdatedAt),
            // Latest quarter first, then the cells in a stable order.
            _ => rows.OrderByDescending(o => o.Quarter),
        };
        // A deterministic tie-break so that paging never shows a row twice or skips one.
        return sorted.ThenByDescending(o => o.Quarter).ThenBy(o => o.ProvinceCode).ThenBy(o => o.CountryCode).ThenBy(o => o.Sex).ThenBy(o => o.Id);
    }
}

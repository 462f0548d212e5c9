using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;

namespace MonevDashboard.Figures;

/// <summary>
/// One indicator's change against the previous quarter, explained by the breakdown that explains it best
/// (<see cref="ChangeDecomposition.Best"/>), with the capaian it was judged by (for the gap to target).
/// </summary>
/// <param name="Dimension">What the contributors are; <see cref="Disaggregation.None"/> when the change was not split.</param>
/// <param name="Names">The contributors' names (Indonesian, English) by code.</param>
public sealed record IndicatorChangeExplanation(
    string IndicatorCode,
    YearQuarter Period,
    string Unit,
    string UnitEn,
    Disaggregation Dimension,
    ChangeExplanation Change,
    AchievementResult Achievement,
    IReadOnlyDictionary<string, (string NameId, string NameEn)> Names)
{
    public string UnitLabel(bool english) => english && !string.IsNullOrEmpty(UnitEn) ? UnitEn : Unit;

    public string NameOf(string code, bool english) =>
        Names.TryGetValue(code, out var name) ? (english ? name.NameEn : name.NameId)
            : english ? FigureQueryService.UnspecifiedNameEn(code) : FigureQueryService.UnspecifiedName(code);

    /// <summary>The draft sentence in the reader's language (<see cref="ChangeExplanationText.Sentence"/>).</summary>
    public string Sentence(IStringLocalizer localizer, bool english) =>
        ChangeExplanationText.Sentence(Change, Dimension, Period, UnitLabel(english), code => NameOf(code, english), Achievement, localizer);
}

/// <summary>
/// Reads what "explain the change" needs from the maintained totals (<see cref="FigureTotals"/>): the indicator's own
/// figures through <see cref="FigureQueryService"/> (national, as the dashboard computes them) and its province, country
/// and sex totals of the quarter and the previous one (<see cref="YearQuarter.Previous"/>), in one query for all
/// indicators. The arithmetic is <see cref="ChangeDecomposition"/>'s.
/// </summary>
public sealed class ChangeExplanationService(IDbContextFactory<MonevDbContext> contextFactory, FigureQueryService figures)
{
    private static readonly (Disaggregation Dimension, FigureLevel Level, BreakdownDimension Breakdown)[] s_dimensions =
    [
        (Disaggregation.Province, FigureLevel.Province, BreakdownDimension.Province),
        (Disaggregation.Country, FigureLevel.Country, BreakdownDimension.Country),
        (Disaggregation.Sex, FigureLevel.Sex, BreakdownDimension.Sex),
    ];

    /// <summary>Every active indicator's explanation for <paramref name="period"/>, keyed by indicator code.</summary>
    public async Task<IReadOnlyDictionary<string, IndicatorChangeExplanation>> GetAllAsync(YearQuarter period, CancellationToken cancellationToken = default)
    {
        var all = await figures.GetIndicatorFiguresAsync(new FigureFilter(period.Year, period.Quarter), cancellationToken);
        var explained = await ExplainAsync(period, all, cancellationToken);
        return explained.ToDictionary(e => e.IndicatorCode, StringComparer.Ordinal);
    }

    /// <summary>One indicator's explanation (active or not); null when the code is unknown.</summary>
    public async Task<IndicatorChangeExplanation?> GetAsync(YearQuarter period, string indicatorCode, CancellationToken cancellationToken = default)
    {
        var figure = await figures.GetIndicatorFigureAsync(new FigureFilter(period.Year, period.Quarter), indicatorCode, cancellationToken);
        return figure is null ? null : (await ExplainAsync(period, [figure], cancellationToken))[0];
    }

    private async Task<IReadOnlyList<IndicatorChangeExplanation>> ExplainAsync(
        YearQuarter period, IReadOnlyList<IndicatorFigure> indicators, CancellationToken cancellationToken)
    {
        var previous = period.Previous();
        var ids = indicators.Where(f => ChangeDecomposition.IsDecomposable(f.Aggregation) && f.Disaggregations != Disaggregation.None)
            .Select(f => f.IndicatorId).ToList();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = ids.Count == 0 ? [] : await db.FigureTotals.AsNoTracking()
            .Where(t => t.Level != FigureLevel.Total && ids.Contains(t.IndicatorId)
                && ((t.Year == period.Year && t.Quarter == period.Quarter) || (t.Year == previous.Year && t.Quarter == previous.Quarter)))
            .Select(t => new { t.IndicatorId, t.Level, t.Code, t.Year, t.Quarter, t.Value })
            .ToListAsync(cancellationToken);
        var names = new Dictionary<Disaggregation, IReadOnlyDictionary<string, (string NameId, string NameEn)>>();
        foreach (var (dimension, level, breakdown) in s_dimensions)
        {
            names[dimension] = rows.Any(r => r.Level == level)
                ? await FigureQueryService.DimensionNamesAsync(db, breakdown, cancellationToken)
                : new Dictionary<string, (string NameId, string NameEn)>();
        }
        var byIndicator = rows.ToLookup(r => r.IndicatorId);
        return [.. indicators.Select(figure =>
        {
            var cells = s_dimensions
                .Where(d => figure.Disaggregations.Allows(d.Dimension))
                .Select(d => (d.Dimension, Cells: (IReadOnlyList<ChangeCell>)[.. byIndicator[figure.IndicatorId]
                    .Where(r => r.Level == d.Level)
                    .GroupBy(r => r.Code)
                    .Select(g => new ChangeCell(g.Key,
                        g.FirstOrDefault(r => r.Year == previous.Year && r.Quarter == previous.Quarter)?.Value,
                        g.FirstOrDefault(r => r.Year == period.Year && r.Quarter == period.Quarter)?.Value))]))
                .ToList();
            return Explain(figure, period, cells, names);
        })];
    }

    /// <summary>
    /// The explanation of one indicator from its figures and its cells per dimension: each dimension is tried and the
    /// best kept; without cells (a ratio, an indicator not broken down) the net change alone.
    /// </summary>
    internal static IndicatorChangeExplanation Explain(IndicatorFigure figure, YearQuarter period,
        IReadOnlyList<(Disaggregation Dimension, IReadOnlyList<ChangeCell> Cells)> cells,
        IReadOnlyDictionary<Disaggregation, IReadOnlyDictionary<string, (string NameId, string NameEn)>> names)
    {
        var candidates = cells.Select(c => ChangeDecomposition.Explain(figure.Aggregation, figure.PreviousQuarterValue, figure.QuarterValue, c.Cells)).ToList();
        var best = ChangeDecomposition.Best(candidates);
        var (dimension, change) = best >= 0
            ? (cells[best].Dimension, candidates[best])
            : (candidates.Count > 0 && candidates[0].Kind == ChangeExplanationKind.NoChange ? cells[0].Dimension : Disaggregation.None,
               candidates.Count > 0 ? candidates[0]
                   : ChangeDecomposition.Explain(figure.Aggregation, figure.PreviousQuarterValue, figure.QuarterValue, []));
        return new IndicatorChangeExplanation(figure.Code, period, figure.Unit, figure.UnitEn, dimension, change, figure.Achievement,
            names.TryGetValue(dimension, out var n) ? n : new Dictionary<string, (string NameId, string NameEn)>());
    }
}

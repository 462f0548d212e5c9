using MonevDashboard.Features.Dashboard;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Data.Model;

using MonevDashboard.Figures;

namespace MonevDashboard.Features.Reports;

/// <summary>A subtotal row of the report summary: indicators of one pillar that share a unit, added up.</summary>
public sealed record PillarSubtotal(
    string PillarCode, string Unit, IReadOnlyList<string> IndicatorCodes,
    double? AnnualTarget, double? QuarterTarget, double? QuarterValue, double? YearToDateValue,
    double? AchievementPercent, AchievementStatus? Status);

/// <summary>
/// Which indicators of a pillar may be added up, and their sums. Only flows (<see cref="TimeAggregation.Sum"/>) with
/// the same unit, never percentages (shares do not add), stocks (<c>Latest</c>) or derived figures, and only when at
/// least two indicators share the unit — a subtotal of one is a repetition. A sum is shown only when every
/// indicator of the group has that figure, so a missing figure never passes for a smaller total. The achievement of a
/// subtotal is Σ compared realisation ÷ Σ target, judged like an indicator, only when all indicators are
/// higher-is-better and measured the same way (all against quarter targets, or all against annual ones).
/// A subtotal counts units of the same kind: "orang" trained and "orang" certified may include the same person,
/// which the report's note says.
/// </summary>
public static class PillarSubtotals
{
    public static IReadOnlyList<PillarSubtotal> For(IEnumerable<IndicatorFigure> pillarFigures, StatusThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(pillarFigures);
        ArgumentNullException.ThrowIfNull(thresholds);
        return [.. pillarFigures
            .Where(f => f.Aggregation == TimeAggregation.Sum && f.Unit != "%")
            .GroupBy(f => (f.PillarCode, f.Unit))
            .Where(g => g.Count() >= 2)
            .Select(g => Subtotal(g.Key.PillarCode, g.Key.Unit, [.. g], thresholds))];
    }

    private static PillarSubtotal Subtotal(string pillar, string unit, IReadOnlyList<IndicatorFigure> figures, StatusThresholds thresholds)
    {
        static double? SumAll(IEnumerable<double?> values)
        {
            double total = 0;
            foreach (var value in values)
            {
                if (value is not { } v)
                {
                    return null;
                }
                total += v;
            }
            return total;
        }

        var results = figures.Select(f => f.Achievement).ToList();
        double? percent = null;
        AchievementStatus? status = null;
        if (figures.All(f => f.Direction == Direction.HigherIsBetter) && results.Select(r => r.UsesQuarterTarget).Distinct().Count() == 1)
        {
            var usesQuarter = results[0].UsesQuarterTarget;
            var realisation = SumAll(results.Select(r => usesQuarter ? r.QuarterValue : r.YearToDateValue));
            var target = SumAll(results.Select(r => r.TargetUsed));
            percent = AchievementCalculator.AchievementPercent(realisation, target, Direction.HigherIsBetter);
            status = percent is { } p ? thresholds.Classify(p) : null;
        }
        return new PillarSubtotal(pillar, unit, [.. figures.Select(f => f.Code)],
            SumAll(figures.Select(f => f.AnnualTarget)), SumAll(figures.Select(f => f.QuarterTarget)),
            SumAll(figures.Select(f => f.QuarterValue)), SumAll(figures.Select(f => f.YearToDateValue)),
            percent, status);
    }
}

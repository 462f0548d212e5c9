using MonevDashboard.Data.Model;

namespace MonevDashboard.Features.Achievement;

/// <summary>
/// Combines the quarter figures of a period (a single quarter, or Q1..Qn for year-to-date) according to the
/// indicator's <see cref="TimeAggregation"/> (DESIGN.md "Indicator fields"). Every result is null when the period
/// holds no usable data, so callers can show "no data" instead of a misleading zero.
/// </summary>
public static class TimeAggregator
{
    /// <summary>
    /// The figure of a period built from the quarters reported in it.
    /// <list type="bullet">
    /// <item><see cref="TimeAggregation.Sum"/>: flows add up, Σ value.</item>
    /// <item><see cref="TimeAggregation.Latest"/>: a stock is what it was at the last report, so the value of the
    /// highest quarter present (Q1 and Q3 reported → Q3, the gap at Q2 does not matter).</item>
    /// <item><see cref="TimeAggregation.Ratio"/> and <see cref="TimeAggregation.Derived"/>: Σnumerator ÷
    /// Σdenominator × 100, pooled over the quarters rather than a mean of the quarters' ratios, so a quarter with
    /// a large denominator weighs as much as its data does. Only quarters carrying both a numerator and a
    /// denominator take part, since half a pair cannot be placed in a ratio.</item>
    /// </list>
    /// Null when <paramref name="quarters"/> is empty, when no quarter of a ratio carries a numerator and a
    /// denominator, or when Σdenominator is 0 (a ratio with no denominator is undefined, i.e. no data).
    /// Quarters are taken as given: the caller selects the period.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An aggregation that is not defined.</exception>
    public static double? Aggregate(TimeAggregation aggregation, IReadOnlyList<QuarterFigure> quarters)
    {
        ArgumentNullException.ThrowIfNull(quarters);
        return aggregation switch
        {
            TimeAggregation.Sum => Sum(quarters),
            TimeAggregation.Latest => Latest(quarters),
            TimeAggregation.Ratio or TimeAggregation.Derived => PooledRatio(quarters),
            _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Unknown time aggregation."),
        };
    }

    /// <summary>
    /// numerator ÷ denominator × 100. Null when either part is missing or the denominator is 0: a share of
    /// nothing is undefined, and showing it as 0 % or 100 % would invent a figure nobody reported.
    /// Multiplying before dividing keeps whole-number shares exact (7 of 100 is 7, not 7.000000000000001).
    /// </summary>
    public static double? RatioPercent(double? numerator, double? denominator) =>
        numerator is { } n && denominator is { } d && d != 0 ? n * 100 / d : null;

    private static double? Sum(IReadOnlyList<QuarterFigure> quarters)
    {
        if (quarters.Count == 0)
        {
            return null;
        }

        var total = 0d;
        foreach (var quarter in quarters)
        {
            total += quarter.Value;
        }

        return total;
    }

    private static double? Latest(IReadOnlyList<QuarterFigure> quarters)
    {
        QuarterFigure? latest = null;
        foreach (var quarter in quarters)
        {
            // ">=" so that, should a quarter appear twice, the later entry wins, as a re-report would.
            if (latest is null || quarter.Quarter >= latest.Value.Quarter)
            {
                latest = quarter;
            }
        }

        return latest?.Value;
    }

    private static double? PooledRatio(IReadOnlyList<QuarterFigure> quarters)
    {
        double? numerator = null;
        double? denominator = null;
        foreach (var quarter in quarters)
        {
            if (quarter.Numerator is { } n && quarter.Denominator is { } d)
            {
                numerator = (numerator ?? 0) + n;
                denominator = (denominator ?? 0) + d;
            }
        }

        return RatioPercent(numerator, denominator);
    }
}

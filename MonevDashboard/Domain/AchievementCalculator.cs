namespace MonevDashboard.Domain;

/// <summary>What is needed to judge one indicator in one quarter of a year.</summary>
/// <param name="Aggregation">How the indicator's quarters combine over time.</param>
/// <param name="Direction">Whether a higher or a lower figure is the better one.</param>
/// <param name="Quarter">The quarter being judged (1–4).</param>
/// <param name="YearQuarters">
/// The reported quarters of the year; a quarter without data is absent. Quarters after <paramref name="Quarter"/>
/// may be present (the caller can load the whole year once) and are ignored.
/// </param>
/// <param name="AnnualTarget">The year's target, or null when none was set.</param>
/// <param name="QuarterTarget">The target of <paramref name="Quarter"/> itself, or null when none was set.</param>
public sealed record AchievementInput(
    TimeAggregation Aggregation,
    Direction Direction,
    int Quarter,
    IReadOnlyList<QuarterFigure> YearQuarters,
    double? AnnualTarget,
    double? QuarterTarget);

/// <summary>The figures and judgement of one indicator in one quarter, ready for a card, a report row or a slide.</summary>
/// <param name="QuarterValue">The figure of the quarter alone; null when the quarter has no data.</param>
/// <param name="YearToDateValue">The figure of Q1..Quarter; null when none of them has data.</param>
/// <param name="TargetUsed">The target the achievement is measured against (quarter target if set, else annual).</param>
/// <param name="UsesQuarterTarget">True when <paramref name="TargetUsed"/> is the quarter target.</param>
/// <param name="AchievementPercent">Capaian in percent; null whenever the status is grey.</param>
/// <param name="Status">The status colour.</param>
public sealed record AchievementResult(
    double? QuarterValue,
    double? YearToDateValue,
    double? TargetUsed,
    bool UsesQuarterTarget,
    double? AchievementPercent,
    AchievementStatus Status)
{
    /// <summary>Which target <see cref="TargetUsed"/> is; named for people by <see cref="TargetLabel"/>.</summary>
    public TargetKind TargetKind => UsesQuarterTarget ? TargetKind.Quarter : TargetKind.Annual;
}

/// <summary>
/// The achievement (capaian) rules of docs/design.md "Data": which figure is compared with which target, how the
/// percentage is computed for each direction, and which status follows. Pure, so every screen, the report
/// workbook and the review slides agree by construction.
/// </summary>
public static class AchievementCalculator
{
    /// <summary>
    /// Achievement in percent, or null when it cannot be judged.
    /// <list type="bullet">
    /// <item>Null when the realisation or the target is missing or not a finite number.</item>
    /// <item>Higher is better: realisation ÷ target × 100. A target of 0 gives 100 for any realisation ≥ 0:
    /// nothing was asked, so it is met, rather than dividing by zero. A negative realisation against a zero
    /// target gives 0.</item>
    /// <item>Lower is better (inverted): target ÷ realisation × 100, so beating the ceiling scores above 100.
    /// A realisation of 0 gives 100 — nothing can do better than zero, and it is shown as met rather than as
    /// infinity. A target of 0 with a realisation above 0 gives 0.</item>
    /// <item>A negative target, or a negative realisation in the inverted case, gives null: counts, money and
    /// shares are never negative, and dividing by or into a negative flips the meaning (overshooting a ceiling
    /// would look like success), so no colour is better than a wrong one. Nothing here throws on such data.</item>
    /// </list>
    /// The product is taken before the quotient so that whole-number cases land exactly on a threshold
    /// (58 of 100 is 58, not 57.99999999999999). A percentage that overflows (1e307 against 1e-3) is null too.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A direction that is not defined.</exception>
    public static double? AchievementPercent(double? realisation, double? target, Direction direction)
    {
        if (realisation is not { } r || target is not { } t || !double.IsFinite(r) || !double.IsFinite(t) || t < 0)
        {
            return null;
        }

        double? percent = direction switch
        {
            Direction.HigherIsBetter => t == 0 ? (r >= 0 ? 100 : 0) : r * 100 / t,
            Direction.LowerIsBetter => r < 0 ? null : r == 0 ? 100 : t * 100 / r,
            _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown direction."),
        };
        // A figure so large that the percentage overflows is no judgement at all, not an endless success.
        return percent is { } p && double.IsFinite(p) ? p : null;
    }

    /// <summary>
    /// Judges one indicator in one quarter.
    /// The quarter figure is that quarter's own figure; the year-to-date figure aggregates Q1..Quarter with
    /// <see cref="TimeAggregator"/> (later quarters are ignored, so re-running an old quarter gives the figures it
    /// had). The quarter target, when set, is compared with the quarter figure; otherwise the year-to-date figure
    /// is compared with the annual target — the quarter target is the more specific promise, and a partial year
    /// measured against the annual target shows progress towards it.
    /// Status: <see cref="AchievementStatus.NoData"/> when the compared figure is missing (even if a target exists,
    /// and also when no target exists either, since missing data is the thing to chase first);
    /// <see cref="AchievementStatus.NoTarget"/> when data exists but no usable target applies; otherwise
    /// <paramref name="thresholds"/> classify the percentage. When data and target exist but the percentage is
    /// undefined (negative figures, see <see cref="AchievementPercent"/>), the status is grey too: NoTarget for an
    /// unusable target, else NoData for an unusable realisation.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The quarter, or a reported quarter, is not 1–4.</exception>
    public static AchievementResult Evaluate(AchievementInput input, StatusThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(input.YearQuarters);
        ArgumentOutOfRangeException.ThrowIfLessThan(input.Quarter, 1, nameof(input));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(input.Quarter, 4, nameof(input));

        var quarterFigures = new List<QuarterFigure>();
        var yearToDateFigures = new List<QuarterFigure>();
        foreach (var figure in input.YearQuarters)
        {
            if (figure.Quarter is < 1 or > 4)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(input), figure.Quarter, "A reported quarter must be between 1 and 4.");
            }

            if (figure.Quarter <= input.Quarter)
            {
                yearToDateFigures.Add(figure);
            }

            if (figure.Quarter == input.Quarter)
            {
                quarterFigures.Add(figure);
            }
        }

        var quarterValue = TimeAggregator.Aggregate(input.Aggregation, quarterFigures);
        var yearToDateValue = TimeAggregator.Aggregate(input.Aggregation, yearToDateFigures);
        var usesQuarterTarget = input.QuarterTarget is not null;
        var target = input.QuarterTarget ?? input.AnnualTarget;
        var realisation = usesQuarterTarget ? quarterValue : yearToDateValue;

        AchievementResult Result(double? percent, AchievementStatus status) =>
            new(quarterValue, yearToDateValue, target, usesQuarterTarget, percent, status);

        if (realisation is null)
        {
            return Result(null, AchievementStatus.NoData);
        }

        if (target is not { } t || !double.IsFinite(t) || t < 0)
        {
            return Result(null, AchievementStatus.NoTarget);
        }

        return AchievementPercent(realisation, target, input.Direction) is { } percent
            ? Result(percent, thresholds.Classify(percent))
            : Result(null, AchievementStatus.NoData);
    }
}

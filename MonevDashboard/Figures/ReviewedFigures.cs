using System.Runtime.CompilerServices;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Figures;

/// <summary>Which figures a reviewed quarter shows: as frozen at its review meeting, or as they are now.</summary>
public enum ShownFigures
{
    Current,
    AsReviewed,
}

/// <summary>
/// A reviewed quarter's figures as the meeting saw them (its latest snapshot), next to the figures now. Turns a current
/// indicator figure into the one frozen at the review — values, target, capaian and status from the snapshot; the
/// trend's point of the quarter too — and says which indicators changed since (<see cref="ReviewSnapshotService.ChangesSinceReviewAsync"/>).
/// One instance per snapshot is shared by every circuit (the view cache), and each frozen figure is built once per
/// current figure, so KPI cards keep sharing their cached HTML (docs/decisions/cheap-circuits.md).
/// </summary>
public sealed class ReviewedFigures
{
    private readonly IReadOnlyDictionary<int, SnapshotFigure> _totals;
    private readonly IReadOnlySet<string> _changed;
    private readonly ConditionalWeakTable<IndicatorFigure, IndicatorFigure> _frozen = new();
    private readonly ConditionalWeakTable<DashboardFigures, DashboardFigures> _frozenViews = new();

    public ReviewedFigures(SnapshotInfo? snapshot, IReadOnlyDictionary<int, SnapshotFigure> totals, IReadOnlySet<string> changed)
    {
        Snapshot = snapshot;
        _totals = totals;
        _changed = changed;
    }

    /// <summary>The snapshot; null when the quarter was never reviewed and locked.</summary>
    public SnapshotInfo? Snapshot { get; }

    /// <summary>How many indicators' totals changed since the review.</summary>
    public int ChangedCount => _changed.Count;

    /// <summary>Whether an indicator's total (value or status) differs now from the review.</summary>
    public bool HasChanged(string code) => _changed.Contains(code);

    /// <summary>The figure as the review saw it; the figure itself when the snapshot does not hold it.</summary>
    public IndicatorFigure AsReviewed(IndicatorFigure current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (Snapshot is null || !_totals.TryGetValue(current.IndicatorId, out var frozen))
        {
            return current;
        }
        return _frozen.GetValue(current, f => Freeze(f, frozen, Snapshot.Period));
    }

    /// <summary>The figure at the review when it changed since (what a "current" view marks), else null.</summary>
    public IndicatorFigure? AtReviewIfChanged(IndicatorFigure current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return HasChanged(current.Code) ? AsReviewed(current) : null;
    }

    public IReadOnlyList<IndicatorFigure> AsReviewed(IReadOnlyList<IndicatorFigure> current) => [.. current.Select(AsReviewed)];

    /// <summary>A dashboard view with every indicator as reviewed and the pillars counted on the frozen statuses.</summary>
    public DashboardFigures AsReviewed(DashboardFigures current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return _frozenViews.GetValue(current, view =>
        {
            var indicators = AsReviewed(view.Indicators);
            return view with
            {
                AllIndicators = AsReviewed(view.AllIndicators),
                Indicators = indicators,
                Pillars = FigureQueryService.SummarizePillars(indicators),
                ChartIndicator = view.ChartIndicator is { } chart ? AsReviewed(chart) : null,
            };
        });
    }

    private static IndicatorFigure Freeze(IndicatorFigure current, SnapshotFigure frozen, YearQuarter period)
    {
        var status = Enum.TryParse<AchievementStatus>(frozen.Status, out var s) ? s : current.Achievement.Status;
        return current with
        {
            QuarterValue = frozen.QuarterValue,
            YearToDateValue = frozen.YearToDateValue,
            Achievement = current.Achievement with
            {
                QuarterValue = frozen.QuarterValue,
                YearToDateValue = frozen.YearToDateValue,
                TargetUsed = frozen.Target,
                AchievementPercent = frozen.AchievementPercent,
                Status = status,
            },
            // The trend's point of the reviewed quarter is the quarter's value, as the snapshot froze it.
            Trend = [.. current.Trend.Select(p => p.Period == period && p.Value == current.QuarterValue ? p with { Value = frozen.QuarterValue } : p)],
        };
    }
}

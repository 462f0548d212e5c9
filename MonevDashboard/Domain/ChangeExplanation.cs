namespace MonevDashboard.Domain;

/// <summary>One cell of a breakdown (a province, a country or a sex) in two periods; null where the cell had no figure.</summary>
public sealed record ChangeCell(string Code, double? Before, double? After)
{
    /// <summary>The cell's part of the change: a cell missing on one side counts as 0 there (a new or a dropped cell).</summary>
    public double Change => (After ?? 0) - (Before ?? 0);
}

/// <summary>A cell that moved the figure in the direction of its net change, and its share of that net change (1 = 100%).</summary>
public sealed record ChangeContributor(string Code, double Change, double Share);

public enum ChangeExplanationKind
{
    /// <summary>One of the two periods has no figure: there is no change to explain.</summary>
    NoData = 1,
    /// <summary>The net change is zero (the cells may still have moved and offset each other).</summary>
    NoChange = 2,
    /// <summary>An additive figure that moved: the contributors explain it.</summary>
    Explained = 3,
    /// <summary>A ratio or percentage: its change is not the sum of its cells' changes.</summary>
    NotDecomposable = 4,
    /// <summary>An additive figure that moved but has no cells to split it by.</summary>
    NotBrokenDown = 5,
}

/// <summary>
/// Why a figure moved between two periods (issue #17 item 6): the net change and the few cells that account for most
/// of it. Built only by <see cref="ChangeDecomposition.Explain(TimeAggregation, double?, double?, IReadOnlyList{ChangeCell}, double, int)"/>.
/// </summary>
public sealed record ChangeExplanation(
    ChangeExplanationKind Kind,
    double? Before,
    double? After,
    IReadOnlyList<ChangeContributor> Contributors,
    double AgainstChange)
{
    /// <summary>After − before; null when either is missing.</summary>
    public double? Change => After is { } a && Before is { } b ? a - b : null;

    /// <summary>The contributors' share of the net change together (may pass 1 when other cells moved the other way).</summary>
    public double ExplainedShare => Contributors.Sum(c => c.Share);

    /// <summary>
    /// Whether cells moved against the net change (<see cref="AgainstChange"/> is their sum, of the opposite sign):
    /// then the contributors' shares are of the net change and may add up to more than 100%, and the sentence says so.
    /// </summary>
    public bool Offsetting => AgainstChange != 0;
}

/// <summary>
/// The one home of the "explain the change" arithmetic: pure, deterministic, over figures the caller read (the maintained
/// totals per province, country or sex). Cells add up to the indicator's quarter figure only when the figure is a sum of
/// its cells, which is true of flows (<see cref="TimeAggregation.Sum"/>) and stocks (<see cref="TimeAggregation.Latest"/>:
/// a quarter's stock is the sum of its cells' stocks), and false of ratios and derived shares
/// (<see cref="Vocabulary.IsRatioLike"/>), which are never split.
/// </summary>
public static class ChangeDecomposition
{
    /// <summary>Contributors are added until together they explain at least this share of the net change.</summary>
    public const double DefaultThreshold = 0.8;

    /// <summary>At most this many contributors are named.</summary>
    public const int DefaultCap = 3;

    /// <summary>Whether an indicator's change can be split over its cells.</summary>
    public static bool IsDecomposable(TimeAggregation aggregation) => !aggregation.IsRatioLike();

    /// <summary>
    /// Explains a change whose totals are the sums of the cells (a side with no cell at all has no figure).
    /// </summary>
    public static ChangeExplanation Explain(TimeAggregation aggregation, IReadOnlyList<ChangeCell> cells,
        double threshold = DefaultThreshold, int cap = DefaultCap)
    {
        ArgumentNullException.ThrowIfNull(cells);
        double? SumOf(Func<ChangeCell, double?> side) =>
            cells.Any(c => side(c) is not null) ? cells.Sum(c => side(c) ?? 0) : null;
        return Explain(aggregation, SumOf(c => c.Before), SumOf(c => c.After), cells, threshold, cap);
    }

    /// <summary>
    /// Explains the change from <paramref name="before"/> to <paramref name="after"/> (the indicator's own figures) by
    /// <paramref name="cells"/>:
    /// <list type="bullet">
    /// <item>No figure on either side: <see cref="ChangeExplanationKind.NoData"/>.</item>
    /// <item>A ratio-like aggregation: <see cref="ChangeExplanationKind.NotDecomposable"/>, with the net change only.</item>
    /// <item>A net change of zero: <see cref="ChangeExplanationKind.NoChange"/>; <see cref="ChangeExplanation.AgainstChange"/>
    /// then holds the sum of the cells that fell (what the rises offset).</item>
    /// <item>Otherwise the cells that moved in the direction of the net change, by absolute change (largest first, ties
    /// by code, ordinal), are taken until they explain at least <paramref name="threshold"/> of the net change or
    /// <paramref name="cap"/> are named. Each share is the cell's change ÷ the net change. A missing cell counts as 0
    /// on its side, so a new province contributes all its figure and a dropped one all of its former figure.</item>
    /// </list>
    /// </summary>
    public static ChangeExplanation Explain(TimeAggregation aggregation, double? before, double? after, IReadOnlyList<ChangeCell> cells,
        double threshold = DefaultThreshold, int cap = DefaultCap)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, 1);
        if (before is not { } b || after is not { } a || !double.IsFinite(a) || !double.IsFinite(b))
        {
            return new ChangeExplanation(ChangeExplanationKind.NoData, before, after, [], 0);
        }
        if (!IsDecomposable(aggregation))
        {
            return new ChangeExplanation(ChangeExplanationKind.NotDecomposable, b, a, [], 0);
        }
        var net = a - b;
        if (IsZero(net, a, b))
        {
            var fell = cells.Where(c => c.Change < 0).Sum(c => c.Change);
            return new ChangeExplanation(ChangeExplanationKind.NoChange, b, a, [], fell);
        }
        if (cells.Count == 0)
        {
            return new ChangeExplanation(ChangeExplanationKind.NotBrokenDown, b, a, [], 0);
        }
        var sign = Math.Sign(net);
        var along = cells.Where(c => Math.Sign(c.Change) == sign)
            .OrderByDescending(c => Math.Abs(c.Change))
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
        var against = cells.Where(c => c.Change != 0 && Math.Sign(c.Change) != sign).Sum(c => c.Change);
        var contributors = new List<ChangeContributor>();
        var explained = 0d;
        foreach (var cell in along)
        {
            if (contributors.Count == cap || explained >= threshold * Math.Abs(net))
            {
                break;
            }
            contributors.Add(new ChangeContributor(cell.Code, cell.Change, cell.Change / net));
            explained += Math.Abs(cell.Change);
        }
        return new ChangeExplanation(ChangeExplanationKind.Explained, b, a, contributors, against);
    }

    /// <summary>Which of several explanations of the same change to show: the one that reaches the threshold with the
    /// fewest named cells (at equal numbers the first given: province before country before sex); when none reaches it, the one
    /// explaining the most. -1 when none is <see cref="ChangeExplanationKind.Explained"/>.</summary>
    public static int Best(IReadOnlyList<ChangeExplanation> candidates, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var best = -1;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Kind != ChangeExplanationKind.Explained)
            {
                continue;
            }
            if (best < 0 || Better(candidates[i], candidates[best], threshold))
            {
                best = i;
            }
        }
        return best;
    }

    private static bool Better(ChangeExplanation x, ChangeExplanation y, double threshold)
    {
        var (xReached, yReached) = (x.ExplainedShare >= threshold, y.ExplainedShare >= threshold);
        if (xReached != yReached)
        {
            return xReached;
        }
        if (xReached)
        {
            // Naming both sexes always explains everything: among explanations that reach the threshold, fewer names
            // win, and at equal numbers the finer dimension given first (a province says more than a sex).
            return x.Contributors.Count < y.Contributors.Count;
        }
        return x.ExplainedShare > y.ExplainedShare + 1e-9;
    }

    /// <summary>A difference of two stored figures that is float noise, not a change.</summary>
    private static bool IsZero(double net, double a, double b) => Math.Abs(net) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>
    /// The gap between the figure a capaian compared and the target it used (realisation − target; the quarter figure
    /// against the quarter target, else the year to date against the annual target, by <see cref="AchievementCalculator"/>);
    /// null when no target applied or the compared figure is missing.
    /// </summary>
    public static double? GapToTarget(AchievementResult achievement)
    {
        ArgumentNullException.ThrowIfNull(achievement);
        var realisation = achievement.UsesQuarterTarget ? achievement.QuarterValue : achievement.YearToDateValue;
        return realisation is { } r && achievement.TargetUsed is { } t && double.IsFinite(r) && double.IsFinite(t) ? r - t : null;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain;
using MonevDashboard.Domain.Access;

namespace MonevDashboard.Figures;

/// <summary>One side of a rule: the indicator, its names and unit, and whether its figure is a ratio (Σnumerator ÷ Σdenominator).</summary>
public sealed record RuleOperand(int IndicatorId, string Code, string NameId, string NameEn, string Unit, string UnitEn, bool IsRatio)
{
    public string Name(bool english) => english && NameEn.Length > 0 ? NameEn : NameId;

    /// <summary>A figure of this indicator with its unit, in id-ID numbers.</summary>
    public string Format(double value, bool english) => FigureFormatter.Format(value, english && UnitEn.Length > 0 ? UnitEn : Unit);
}

/// <summary>A cross-indicator rule as the checks read it.</summary>
public sealed record CrossRule(int Id, string Code, RuleOperand Left, RuleComparison Comparison, RuleOperand Right, RuleScope Scope,
    string MessageId, string MessageEn)
{
    public string Message(bool english) => english && MessageEn.Length > 0 ? MessageEn : MessageId;
}

/// <summary>Where a rule was compared: the quarter's totals (level Total, code "") or one province, country or sex.</summary>
public readonly record struct FigurePlace(FigureLevel Level, string Code)
{
    public static FigurePlace Totals { get; } = new(FigureLevel.Total, "");
}

/// <summary>One broken rule in one quarter and place, with both figures; <see cref="Explanation"/> once a reviewer explained it.</summary>
public sealed record CrossRuleViolation(CrossRule Rule, int Year, int Quarter, FigurePlace Place, double Left, double Right)
{
    public RuleExplanationView? Explanation { get; init; }
}

/// <summary>A reviewer's stored explanation: what, who, when (UTC).</summary>
public sealed record RuleExplanationView(string Text, string ExplainedBy, DateTime ExplainedAt);

/// <summary>The summed figure of one indicator in one quarter and place, as <see cref="FigureTotal"/> keeps it.</summary>
public readonly record struct PlacedSum(double Value, double? Numerator, double? Denominator)
{
    public double? FigureOf(bool isRatio) => isRatio ? Ratio.Percent(Numerator, Denominator) : Value;
}

/// <summary>A figure a write would change (an import row, an edited cell): old → new, for evaluating before it is stored.</summary>
public sealed record PendingFigure(int IndicatorId, int Year, int Quarter, string ProvinceCode, string CountryCode, string Sex,
    PlacedSum? Old, PlacedSum New);

/// <summary>
/// The one home of cross-indicator checks: the pure comparison of a quarter's figures against the rules
/// (<see cref="Evaluate"/>) and the service that reads the figures from the maintained aggregates
/// (<see cref="FigureTotal"/>), optionally with the changes a pending write would make, and keeps the reviewers'
/// explanations. Missing data is never a violation: a rule is compared only where both indicators have a figure.
/// </summary>
public sealed class CrossIndicatorChecks(
    IDbContextFactory<MonevDbContext> contextFactory,
    AccessGuard guard,
    IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Relative tolerance for comparing sums of doubles (0.1 + 0.2 is not 0.3).</summary>
    private const double Tolerance = 1e-9;

    private static readonly FigureLevel[] s_cellLevels = [FigureLevel.Province, FigureLevel.Country, FigureLevel.Sex];

    /// <summary>Whether <paramref name="left"/> compares with <paramref name="right"/> as the rule asks.</summary>
    public static bool Holds(RuleComparison comparison, double left, double right)
    {
        var slack = Tolerance * Math.Max(1, Math.Max(Math.Abs(left), Math.Abs(right)));
        return comparison switch
        {
            RuleComparison.AtMost => left <= right + slack,
            RuleComparison.AtLeast => left + slack >= right,
            RuleComparison.Equal => Math.Abs(left - right) <= slack,
            _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, null),
        };
    }

    /// <summary>
    /// The violations of <paramref name="rules"/> in one quarter, given each indicator's sums by place. A
    /// <see cref="RuleScope.Totals"/> rule compares the quarter's totals; a <see cref="RuleScope.SameCell"/> rule
    /// compares each named province, country and sex both indicators report (cells naming none are not a place).
    /// </summary>
    public static IReadOnlyList<CrossRuleViolation> Evaluate(
        IEnumerable<CrossRule> rules, int year, int quarter, IReadOnlyDictionary<(int IndicatorId, FigurePlace Place), PlacedSum> sums)
    {
        var byIndicator = sums.Keys.GroupBy(k => k.IndicatorId).ToDictionary(g => g.Key, g => g.Select(k => k.Place).ToList());
        var violations = new List<CrossRuleViolation>();
        foreach (var rule in rules)
        {
            IEnumerable<FigurePlace> places = rule.Scope == RuleScope.Totals
                ? [FigurePlace.Totals]
                : byIndicator.GetValueOrDefault(rule.Left.IndicatorId, [])
                    .Where(p => p.Code.Length > 0 && s_cellLevels.Contains(p.Level))
                    .OrderBy(p => p.Level).ThenBy(p => p.Code, StringComparer.Ordinal);
            foreach (var place in places)
            {
                if (sums.TryGetValue((rule.Left.IndicatorId, place), out var left) && left.FigureOf(rule.Left.IsRatio) is { } l
                    && sums.TryGetValue((rule.Right.IndicatorId, place), out var right) && right.FigureOf(rule.Right.IsRatio) is { } r
                    && !Holds(rule.Comparison, l, r))
                {
                    violations.Add(new CrossRuleViolation(rule, year, quarter, place, l, r));
                }
            }
        }
        return violations;
    }

    /// <summary>Adds what pending writes change to the stored sums: each figure moves its total and its province, country and sex.</summary>
    public static Dictionary<(int IndicatorId, FigurePlace Place), PlacedSum> WithPending(
        IReadOnlyDictionary<(int IndicatorId, FigurePlace Place), PlacedSum> stored, IEnumerable<PendingFigure> pending)
    {
        var sums = new Dictionary<(int, FigurePlace), PlacedSum>(stored);
        foreach (var p in pending)
        {
            foreach (var place in new[] { FigurePlace.Totals, new(FigureLevel.Province, p.ProvinceCode), new(FigureLevel.Country, p.CountryCode), new(FigureLevel.Sex, p.Sex) })
            {
                var had = sums.TryGetValue((p.IndicatorId, place), out var now);
                var value = (had ? now.Value : 0) - (p.Old?.Value ?? 0) + p.New.Value;
                double? Part(double? current, double? old, double? added) =>
                    current is null && added is null ? null : (current ?? 0) - (old ?? 0) + (added ?? 0);
                sums[(p.IndicatorId, place)] = new PlacedSum(value, Part(had ? now.Numerator : null, p.Old?.Numerator, p.New.Numerator),
                    Part(had ? now.Denominator : null, p.Old?.Denominator, p.New.Denominator));
            }
        }
        return sums;
    }

    /// <summary>The active rules, with both indicators.</summary>
    public async Task<IReadOnlyList<CrossRule>> ActiveRulesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await ActiveRulesAsync(db, cancellationToken);
    }

    private static async Task<IReadOnlyList<CrossRule>> ActiveRulesAsync(MonevDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.IndicatorRules.AsNoTracking().Where(r => r.IsActive)
            .Include(r => r.LeftIndicator).Include(r => r.RightIndicator)
            .OrderBy(r => r.Code).ToListAsync(cancellationToken);
        return [.. rows.Select(Read)];
    }

    internal static CrossRule Read(IndicatorRule r) => new(r.Id, r.Code, Operand(r.LeftIndicator!), r.Comparison, Operand(r.RightIndicator!), r.Scope, r.MessageId, r.MessageEn);

    internal static RuleOperand Operand(Indicator i) => new(i.Id, i.Code, i.NameId, i.NameEn, i.Unit, i.UnitEn, i.IsRatioLike);

    /// <summary>The violations in one quarter as stored, read from the maintained aggregates, with their explanations.</summary>
    public async Task<IReadOnlyList<CrossRuleViolation>> ForQuarterAsync(YearQuarter period, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ViewFigures);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rules = await ActiveRulesAsync(db, cancellationToken);
        if (rules.Count == 0)
        {
            return [];
        }
        var sums = await StoredSumsAsync(db, rules, period.Year, period.Quarter, cancellationToken);
        var violations = Evaluate(rules, period.Year, period.Quarter, sums);
        var explanations = await db.RuleExplanations.AsNoTracking()
            .Where(e => e.Year == period.Year && e.Quarter == period.Quarter)
            .ToListAsync(cancellationToken);
        var byKey = explanations.ToDictionary(e => (e.RuleId, new FigurePlace(e.Level, e.Code)));
        return [.. violations.Select(v => byKey.TryGetValue((v.Rule.Id, v.Place), out var e)
            ? v with { Explanation = new RuleExplanationView(e.Text, e.UpdatedBy, e.UpdatedAt) }
            : v)];
    }

    /// <summary>
    /// The violations pending writes would leave in the quarters they touch, limited to rules one of whose
    /// indicators they change: the import preview's warnings. Nothing is written.
    /// </summary>
    public async Task<IReadOnlyList<CrossRuleViolation>> ForPendingAsync(IReadOnlyCollection<PendingFigure> pending, CancellationToken cancellationToken = default)
    {
        if (pending.Count == 0)
        {
            return [];
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rules = await ActiveRulesAsync(db, cancellationToken);
        var violations = new List<CrossRuleViolation>();
        foreach (var quarter in pending.GroupBy(p => (p.Year, p.Quarter)).OrderBy(g => g.Key))
        {
            var touched = quarter.Select(p => p.IndicatorId).ToHashSet();
            var concerned = rules.Where(r => touched.Contains(r.Left.IndicatorId) || touched.Contains(r.Right.IndicatorId)).ToList();
            if (concerned.Count == 0)
            {
                continue;
            }
            var stored = await StoredSumsAsync(db, concerned, quarter.Key.Year, quarter.Key.Quarter, cancellationToken);
            violations.AddRange(Evaluate(concerned, quarter.Key.Year, quarter.Key.Quarter, WithPending(stored, quarter)));
        }
        return violations;
    }

    /// <summary>The stored violations of one quarter that concern the given indicators (the entry page's sections).</summary>
    public async Task<IReadOnlyList<CrossRuleViolation>> ForIndicatorsAsync(YearQuarter period, IReadOnlySet<string> indicatorCodes, CancellationToken cancellationToken = default) =>
        [.. (await ForQuarterAsync(period, cancellationToken))
            .Where(v => indicatorCodes.Contains(v.Rule.Left.Code) || indicatorCodes.Contains(v.Rule.Right.Code))];

    private static async Task<Dictionary<(int IndicatorId, FigurePlace Place), PlacedSum>> StoredSumsAsync(
        MonevDbContext db, IReadOnlyCollection<CrossRule> rules, int year, int quarter, CancellationToken cancellationToken)
    {
        var ids = rules.SelectMany(r => new[] { r.Left.IndicatorId, r.Right.IndicatorId }).Distinct().ToList();
        var rows = await db.FigureTotals.AsNoTracking()
            .Where(t => t.Year == year && t.Quarter == quarter && ids.Contains(t.IndicatorId))
            .Select(t => new { t.IndicatorId, t.Level, t.Code, t.Value, t.Numerator, t.Denominator })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(t => (t.IndicatorId, new FigurePlace(t.Level, t.Code)), t => new PlacedSum(t.Value, t.Numerator, t.Denominator));
    }

    /// <summary>
    /// Stores (or rewrites) a reviewer's explanation of a violation; audited by the save interceptor with who and when.
    /// </summary>
    /// <exception cref="AccessDeniedException">when the user may not manage the review.</exception>
    /// <exception cref="UserMessageException">when the text is empty or too long, or the rule does not exist.</exception>
    public async Task ExplainAsync(int ruleId, YearQuarter period, FigurePlace place, string text, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageReview);
        text = (text ?? "").Trim();
        if (text.Length == 0)
        {
            throw new UserMessageException(localizer["CrossRule.ExplanationRequired"]);
        }
        if (text.Length > ObservationRules.MaxNoteLength)
        {
            throw new UserMessageException(localizer["Rule.TextTooLong", ObservationRules.MaxNoteLength, text.Length]);
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.IndicatorRules.AnyAsync(r => r.Id == ruleId, cancellationToken))
        {
            throw new UserMessageException(localizer["CrossRule.NotFound"]);
        }
        var stored = await db.RuleExplanations.FirstOrDefaultAsync(e => e.RuleId == ruleId && e.Year == period.Year
            && e.Quarter == period.Quarter && e.Level == place.Level && e.Code == place.Code, cancellationToken);
        if (stored is null)
        {
            db.RuleExplanations.Add(new RuleExplanation { RuleId = ruleId, Year = period.Year, Quarter = period.Quarter, Level = place.Level, Code = place.Code, Text = text });
        }
        else
        {
            stored.Text = text;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (EditConflicts.IsLostRace(ex))
        {
            throw new UserMessageException(localizer["CrossRule.ExplainedMeanwhile"]);
        }
    }
}

using MonevDashboard.Data.Model;
using MonevDashboard.Figures;

namespace MonevDashboard.Tests.Domain;

/// <summary>
/// The cross-indicator comparison on constructed figures: each comparison, per cell and on totals, missing data
/// never a violation, ratio sides read as Σnumerator ÷ Σdenominator, and pending writes moving the stored sums.
/// </summary>
public sealed class CrossIndicatorRuleEvaluationTests
{
    private static readonly RuleOperand s_certified = new(1, "CERT", "Bersertifikat", "Certified", "orang", "people", false);
    private static readonly RuleOperand s_trained = new(2, "TRAIN", "Dilatih", "Trained", "orang", "people", false);
    private static readonly RuleOperand s_share = new(3, "SHARE", "Porsi", "Share", "%", "%", true);

    private static CrossRule Rule(RuleComparison comparison, RuleScope scope, RuleOperand? left = null, RuleOperand? right = null) =>
        new(7, "R", left ?? s_certified, comparison, right ?? s_trained, scope, "pesan", "message");

    private static (int, FigurePlace) At(RuleOperand indicator, FigureLevel level = FigureLevel.Total, string code = "") =>
        (indicator.IndicatorId, new FigurePlace(level, code));

    private static IReadOnlyList<CrossRuleViolation> Evaluate(CrossRule rule, params ((int, FigurePlace) Key, double Value)[] sums) =>
        CrossIndicatorChecks.Evaluate([rule], 2026, 3, sums.ToDictionary(s => s.Key, s => new PlacedSum(s.Value, null, null)));

    [Theory]
    [InlineData(RuleComparison.AtMost, 10, 10, false)]
    [InlineData(RuleComparison.AtMost, 11, 10, true)]
    [InlineData(RuleComparison.AtMost, 9, 10, false)]
    [InlineData(RuleComparison.AtLeast, 10, 10, false)]
    [InlineData(RuleComparison.AtLeast, 9, 10, true)]
    [InlineData(RuleComparison.AtLeast, 11, 10, false)]
    [InlineData(RuleComparison.Equal, 10, 10, false)]
    [InlineData(RuleComparison.Equal, 11, 10, true)]
    [InlineData(RuleComparison.Equal, 9, 10, true)]
    public void EachComparisonIsBrokenExactlyWhenItsFiguresDisagree(RuleComparison comparison, double left, double right, bool broken)
    {
        var violations = Evaluate(Rule(comparison, RuleScope.Totals), (At(s_certified), left), (At(s_trained), right));

        Assert.Equal(broken, violations.Count == 1);
        if (broken)
        {
            var v = Assert.Single(violations);
            Assert.Equal((left, right, FigurePlace.Totals, 2026, 3), (v.Left, v.Right, v.Place, v.Year, v.Quarter));
        }
    }

    [Fact]
    public void SumsThatDifferOnlyByRoundingAreEqual()
    {
        Assert.True(CrossIndicatorChecks.Holds(RuleComparison.Equal, 0.1 + 0.2, 0.3));
        Assert.True(CrossIndicatorChecks.Holds(RuleComparison.AtMost, 0.1 + 0.2, 0.3));
        Assert.False(CrossIndicatorChecks.Holds(RuleComparison.AtMost, 0.31, 0.3));
    }

    [Fact]
    public void ACellRuleComparesEachProvinceCountryAndSexBothReportAndNotTheTotals()
    {
        var violations = Evaluate(Rule(RuleComparison.AtMost, RuleScope.SameCell),
            (At(s_certified), 500), (At(s_trained), 100), // totals broken, but a cell rule does not read totals
            (At(s_certified, FigureLevel.Province, "35"), 60), (At(s_trained, FigureLevel.Province, "35"), 50),
            (At(s_certified, FigureLevel.Province, "33"), 40), (At(s_trained, FigureLevel.Province, "33"), 50),
            (At(s_certified, FigureLevel.Sex, "P"), 30), (At(s_trained, FigureLevel.Sex, "P"), 29),
            (At(s_certified, FigureLevel.Country, "MY"), 5), // no trained figure for Malaysia: missing, not broken
            (At(s_certified, FigureLevel.Province, ""), 999), (At(s_trained, FigureLevel.Province, ""), 1)); // cells naming no province are no place

        Assert.Equal([(FigureLevel.Province, "35", 60d, 50d), (FigureLevel.Sex, "P", 30d, 29d)],
            violations.Select(v => (v.Place.Level, v.Place.Code, v.Left, v.Right)));
    }

    [Fact]
    public void ATotalsRuleReadsOnlyTheTotals()
    {
        var violations = Evaluate(Rule(RuleComparison.AtMost, RuleScope.Totals),
            (At(s_certified), 90), (At(s_trained), 100),
            (At(s_certified, FigureLevel.Province, "35"), 60), (At(s_trained, FigureLevel.Province, "35"), 50));

        Assert.Empty(violations);
    }

    [Fact]
    public void MissingDataOnEitherSideIsNoViolation()
    {
        Assert.Empty(Evaluate(Rule(RuleComparison.AtMost, RuleScope.Totals), (At(s_certified), 90)));
        Assert.Empty(Evaluate(Rule(RuleComparison.AtLeast, RuleScope.Totals), (At(s_trained), 90)));
        Assert.Empty(Evaluate(Rule(RuleComparison.Equal, RuleScope.SameCell), (At(s_certified, FigureLevel.Province, "35"), 1)));
        Assert.Empty(Evaluate(Rule(RuleComparison.Equal, RuleScope.Totals)));
    }

    [Fact]
    public void ARatioSideIsItsPooledPercentageAndNoFigureWhenItsDenominatorIsZero()
    {
        var rule = Rule(RuleComparison.AtMost, RuleScope.Totals, s_share, s_certified);
        Dictionary<(int, FigurePlace), PlacedSum> Sums(double numerator, double denominator) => new()
        {
            [At(s_share)] = new PlacedSum(999, numerator, denominator), // the summed percentages mean nothing
            [At(s_certified)] = new PlacedSum(40, null, null),
        };

        var broken = Assert.Single(CrossIndicatorChecks.Evaluate([rule], 2026, 3, Sums(45, 100)));
        Assert.Equal(45, broken.Left, 9);
        Assert.Empty(CrossIndicatorChecks.Evaluate([rule], 2026, 3, Sums(35, 100)));
        Assert.Empty(CrossIndicatorChecks.Evaluate([rule], 2026, 3, Sums(35, 0)));
    }

    [Fact]
    public void PendingFiguresReplaceTheStoredCellsInEveryPlaceTheyCount()
    {
        var stored = new Dictionary<(int, FigurePlace), PlacedSum>
        {
            [At(s_certified)] = new(40, null, null),
            [At(s_certified, FigureLevel.Province, "35")] = new(40, null, null),
            [At(s_certified, FigureLevel.Sex, "L")] = new(40, null, null),
            [At(s_trained)] = new(50, null, null),
            [At(s_trained, FigureLevel.Province, "35")] = new(50, null, null),
            [At(s_trained, FigureLevel.Sex, "L")] = new(50, null, null),
        };
        // Jawa Timur's men: certified 40 → 70 (an update), plus women certified 5 (new) with no trained women.
        var pending = new[]
        {
            new PendingFigure(s_certified.IndicatorId, 2026, 3, "35", "", "L", new PlacedSum(40, null, null), new PlacedSum(70, null, null)),
            new PendingFigure(s_certified.IndicatorId, 2026, 3, "35", "", "P", null, new PlacedSum(5, null, null)),
        };

        var sums = CrossIndicatorChecks.WithPending(stored, pending);
        var violations = CrossIndicatorChecks.Evaluate([Rule(RuleComparison.AtMost, RuleScope.SameCell), Rule(RuleComparison.AtMost, RuleScope.Totals)], 2026, 3, sums);

        Assert.Equal(75, sums[At(s_certified)].Value);
        Assert.Equal(75, sums[At(s_certified, FigureLevel.Province, "35")].Value);
        Assert.Equal(70, sums[At(s_certified, FigureLevel.Sex, "L")].Value);
        Assert.Equal(5, sums[At(s_certified, FigureLevel.Sex, "P")].Value);
        Assert.Equal([(FigureLevel.Province, "35", 75d, 50d), (FigureLevel.Sex, "L", 70d, 50d), (FigureLevel.Total, "", 75d, 50d)],
            violations.Select(v => (v.Place.Level, v.Place.Code, v.Left, v.Right)));
    }
}

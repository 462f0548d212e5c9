using MonevDashboard.Features.Indicators;
using MonevDashboard.Data.Model;

namespace MonevDashboard.Tests.Features.Achievement;

public class AchievementCalculatorTests
{
    private static int Precision => 9;

    private static QuarterFigure Count(int quarter, double value) => new(quarter, value, null, null);

    private static QuarterFigure Share(int quarter, double numerator, double denominator) =>
        new(quarter, numerator, numerator, denominator);

    private static AchievementResult Evaluate(
        IReadOnlyList<QuarterFigure> quarters,
        int quarter,
        double? annualTarget,
        double? quarterTarget = null,
        TimeAggregation aggregation = TimeAggregation.Sum,
        Direction direction = Direction.HigherIsBetter,
        StatusThresholds? thresholds = null) =>
        AchievementCalculator.Evaluate(
            new AchievementInput(aggregation, direction, quarter, quarters, annualTarget, quarterTarget),
            thresholds ?? StatusThresholds.Default);

    private static double AssertHasValue(double? value)
    {
        Assert.True(value.HasValue, "expected a figure, got none");
        return value.Value;
    }

    // ---- AchievementPercent ----

    [Theory]
    [InlineData(50d, 100d, 50d)]
    [InlineData(100d, 100d, 100d)]
    [InlineData(150d, 100d, 150d)]
    [InlineData(0d, 100d, 0d)]
    [InlineData(1d, 3d, 33.333333333333333d)]
    public void HigherIsBetterAchievementIsRealisationOverTarget(double realisation, double target, double expected)
    {
        var percent = AchievementCalculator.AchievementPercent(realisation, target, Direction.HigherIsBetter);

        Assert.Equal(expected, AssertHasValue(percent), Precision);
    }

    [Theory]
    [InlineData(0d)]
    [InlineData(25d)]
    public void HigherIsBetterWithATargetOfZeroIsMetWhateverWasAchieved(double realisation)
    {
        Assert.Equal(100d, AchievementCalculator.AchievementPercent(realisation, 0, Direction.HigherIsBetter));
    }

    [Theory]
    [InlineData(50d, 100d, 200d)]
    [InlineData(100d, 100d, 100d)]
    [InlineData(200d, 100d, 50d)]
    [InlineData(400d, 100d, 25d)]
    public void LowerIsBetterAchievementIsTargetOverRealisation(double realisation, double target, double expected)
    {
        var percent = AchievementCalculator.AchievementPercent(realisation, target, Direction.LowerIsBetter);

        Assert.Equal(expected, AssertHasValue(percent), Precision);
    }

    [Theory]
    [InlineData(0d)]
    [InlineData(10d)]
    public void LowerIsBetterWithARealisationOfZeroIsMetNotInfinite(double target)
    {
        Assert.Equal(100d, AchievementCalculator.AchievementPercent(0, target, Direction.LowerIsBetter));
    }

    [Fact]
    public void LowerIsBetterWithATargetOfZeroAndAnyRealisationIsZero()
    {
        Assert.Equal(0d, AchievementCalculator.AchievementPercent(3, 0, Direction.LowerIsBetter));
    }

    [Theory]
    [InlineData(null, 100d, Direction.HigherIsBetter)]
    [InlineData(50d, null, Direction.HigherIsBetter)]
    [InlineData(null, null, Direction.HigherIsBetter)]
    [InlineData(null, 100d, Direction.LowerIsBetter)]
    [InlineData(50d, null, Direction.LowerIsBetter)]
    public void AchievementIsUndefinedWhenRealisationOrTargetIsMissing(double? realisation, double? target, Direction direction)
    {
        Assert.Null(AchievementCalculator.AchievementPercent(realisation, target, direction));
    }

    [Theory]
    [InlineData(-5d, 100d, Direction.LowerIsBetter)]
    [InlineData(5d, -100d, Direction.LowerIsBetter)]
    [InlineData(-5d, -100d, Direction.LowerIsBetter)]
    [InlineData(5d, -100d, Direction.HigherIsBetter)]
    [InlineData(double.NaN, 100d, Direction.HigherIsBetter)]
    [InlineData(50d, double.PositiveInfinity, Direction.HigherIsBetter)]
    public void NegativeOrNonFiniteFiguresGiveNoAchievementInsteadOfThrowing(double realisation, double target, Direction direction)
    {
        Assert.Null(AchievementCalculator.AchievementPercent(realisation, target, direction));
    }

    [Fact]
    public void HigherIsBetterWithANegativeRealisationScoresBelowZero()
    {
        var percent = AchievementCalculator.AchievementPercent(-10, 100, Direction.HigherIsBetter);

        Assert.Equal(-10, AssertHasValue(percent), Precision);
    }

    [Fact]
    public void AnUnknownDirectionIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AchievementCalculator.AchievementPercent(1, 1, (Direction)7));
    }

    // ---- StatusThresholds ----

    [Theory]
    [InlineData(100d, AchievementStatus.OnTrack)]
    [InlineData(250d, AchievementStatus.OnTrack)]
    [InlineData(90d, AchievementStatus.OnTrack)]
    [InlineData(89.999d, AchievementStatus.NeedsAttention)]
    [InlineData(60d, AchievementStatus.NeedsAttention)]
    [InlineData(59.999d, AchievementStatus.Critical)]
    [InlineData(0d, AchievementStatus.Critical)]
    [InlineData(-20d, AchievementStatus.Critical)]
    public void DefaultThresholdsAreInclusiveLowerBoundsAtNinetyAndSixty(double percent, AchievementStatus expected)
    {
        Assert.Equal(expected, StatusThresholds.Default.Classify(percent));
    }

    [Theory]
    [InlineData(80d, AchievementStatus.OnTrack)]
    [InlineData(79.9d, AchievementStatus.NeedsAttention)]
    [InlineData(50d, AchievementStatus.NeedsAttention)]
    [InlineData(49.9d, AchievementStatus.Critical)]
    public void CustomThresholdsMoveTheBoundaries(double percent, AchievementStatus expected)
    {
        Assert.Equal(expected, new StatusThresholds(80, 50).Classify(percent));
    }

    [Fact]
    public void ANotANumberPercentIsNeverShownAsGood()
    {
        Assert.Equal(AchievementStatus.Critical, StatusThresholds.Default.Classify(double.NaN));
    }

    [Fact]
    public void DefaultThresholdsAreNinetyAndSixty()
    {
        Assert.Equal(new StatusThresholds(90, 60), StatusThresholds.Default);
    }

    [Theory]
    [InlineData(90d, 60d, true)]
    [InlineData(1000d, 999d, true)]
    [InlineData(0.2d, 0.1d, true)]
    [InlineData(90d, 90d, false)]
    [InlineData(60d, 90d, false)]
    [InlineData(90d, 0d, false)]
    [InlineData(90d, -10d, false)]
    [InlineData(1000.5d, 60d, false)]
    [InlineData(double.NaN, 60d, false)]
    [InlineData(90d, double.NaN, false)]
    public void ThresholdsAreValidOnlyWhenZeroIsBelowAttentionBelowOnTrackUpToAThousand(
        double onTrack, double attention, bool expected)
    {
        Assert.Equal(expected, StatusThresholds.IsValid(onTrack, attention));
    }

    // ---- Evaluate: no data versus zero ----

    [Fact]
    public void AReportedZeroGivesZeroAchievementAndIsCritical()
    {
        var result = Evaluate([Count(1, 0)], quarter: 1, annualTarget: 100);

        Assert.Equal(0d, result.AchievementPercent);
        Assert.Equal(AchievementStatus.Critical, result.Status);
        Assert.Equal(0d, result.QuarterValue);
        Assert.Equal(0d, result.YearToDateValue);
    }

    [Fact]
    public void AMissingQuarterIsNoDataEvenWithATarget()
    {
        var result = Evaluate([], quarter: 1, annualTarget: 100);

        Assert.Equal(AchievementStatus.NoData, result.Status);
        Assert.Null(result.AchievementPercent);
        Assert.Null(result.QuarterValue);
        Assert.Null(result.YearToDateValue);
        Assert.Equal(100d, result.TargetUsed);
    }

    [Theory]
    [InlineData(TimeAggregation.Sum)]
    [InlineData(TimeAggregation.Latest)]
    [InlineData(TimeAggregation.Ratio)]
    [InlineData(TimeAggregation.Derived)]
    public void NoReportedQuarterIsNoDataForEveryAggregation(TimeAggregation aggregation)
    {
        var result = Evaluate([], quarter: 2, annualTarget: 50, aggregation: aggregation);

        Assert.Equal(AchievementStatus.NoData, result.Status);
    }

    [Fact]
    public void NeitherDataNorTargetIsNoData()
    {
        var result = Evaluate([], quarter: 3, annualTarget: null);

        Assert.Equal(AchievementStatus.NoData, result.Status);
        Assert.Null(result.TargetUsed);
    }

    [Fact]
    public void DataWithoutAnyTargetIsNoTarget()
    {
        var result = Evaluate([Count(1, 40)], quarter: 1, annualTarget: null);

        Assert.Equal(AchievementStatus.NoTarget, result.Status);
        Assert.Null(result.AchievementPercent);
        Assert.Equal(40d, result.QuarterValue);
        Assert.Equal(40d, result.YearToDateValue);
    }

    // ---- Evaluate: which target, which figure ----

    [Fact]
    public void PartialYearComparesYearToDateWithTheAnnualTarget()
    {
        var result = Evaluate([Count(1, 30), Count(2, 40)], quarter: 2, annualTarget: 100);

        Assert.False(result.UsesQuarterTarget);
        Assert.Equal(100d, result.TargetUsed);
        Assert.Equal(40d, result.QuarterValue);
        Assert.Equal(70d, result.YearToDateValue);
        Assert.Equal(70, AssertHasValue(result.AchievementPercent), Precision);
        Assert.Equal(AchievementStatus.NeedsAttention, result.Status);
    }

    [Fact]
    public void QuarterTargetIsPreferredOverTheAnnualTarget()
    {
        var result = Evaluate([Count(1, 30), Count(2, 40)], quarter: 2, annualTarget: 1000, quarterTarget: 40);

        Assert.True(result.UsesQuarterTarget);
        Assert.Equal(40d, result.TargetUsed);
        Assert.Equal(100, AssertHasValue(result.AchievementPercent), Precision);
        Assert.Equal(AchievementStatus.OnTrack, result.Status);
        Assert.Equal(70d, result.YearToDateValue);
    }

    [Fact]
    public void QuarterTargetWithoutAnAnnualTargetStillJudgesTheQuarter()
    {
        var result = Evaluate([Count(3, 20)], quarter: 3, annualTarget: null, quarterTarget: 40);

        Assert.Equal(50, AssertHasValue(result.AchievementPercent), Precision);
        Assert.Equal(AchievementStatus.Critical, result.Status);
    }

    [Fact]
    public void QuarterTargetWithNoDataInThatQuarterIsNoDataEvenWhenEarlierQuartersReported()
    {
        var result = Evaluate([Count(1, 500)], quarter: 2, annualTarget: 1000, quarterTarget: 100);

        Assert.Equal(AchievementStatus.NoData, result.Status);
        Assert.True(result.UsesQuarterTarget);
        Assert.Null(result.QuarterValue);
        Assert.Equal(500d, result.YearToDateValue);
        Assert.Null(result.AchievementPercent);
    }

    [Fact]
    public void AnnualTargetWithNoDataInTheChosenQuarterStillUsesTheEarlierQuarters()
    {
        var result = Evaluate([Count(1, 95)], quarter: 2, annualTarget: 100);

        Assert.Null(result.QuarterValue);
        Assert.Equal(95d, result.YearToDateValue);
        Assert.Equal(AchievementStatus.OnTrack, result.Status);
    }

    [Fact]
    public void QuartersAfterTheChosenQuarterAreIgnored()
    {
        var result = Evaluate([Count(1, 10), Count(2, 20), Count(3, 1000), Count(4, 1000)], quarter: 2, annualTarget: 100);

        Assert.Equal(20d, result.QuarterValue);
        Assert.Equal(30d, result.YearToDateValue);
        Assert.Equal(30, AssertHasValue(result.AchievementPercent), Precision);
        Assert.Equal(AchievementStatus.Critical, result.Status);
    }

    [Fact]
    public void OnlyLaterQuartersReportedIsNoDataForAnEarlierQuarter()
    {
        var result = Evaluate([Count(3, 100)], quarter: 1, annualTarget: 100);

        Assert.Equal(AchievementStatus.NoData, result.Status);
        Assert.Null(result.YearToDateValue);
    }

    [Fact]
    public void LatestComparesTheLastReportedQuarterUpToTheChosenOneWithTheAnnualTarget()
    {
        var result = Evaluate(
            [Count(1, 50), Count(3, 92), Count(4, 10)], quarter: 3, annualTarget: 100, aggregation: TimeAggregation.Latest);

        Assert.Equal(92d, result.QuarterValue);
        Assert.Equal(92d, result.YearToDateValue);
        Assert.Equal(AchievementStatus.OnTrack, result.Status);
    }

    [Theory]
    [InlineData(TimeAggregation.Ratio)]
    [InlineData(TimeAggregation.Derived)]
    public void RatioQuarterIsItsOwnShareAndYearToDateIsThePooledShare(TimeAggregation aggregation)
    {
        var result = Evaluate([Share(1, 1, 10), Share(2, 90, 90)], quarter: 2, annualTarget: 80, aggregation: aggregation);

        Assert.Equal(100, AssertHasValue(result.QuarterValue), Precision);
        Assert.Equal(91, AssertHasValue(result.YearToDateValue), Precision);
        Assert.Equal(91d / 80 * 100, AssertHasValue(result.AchievementPercent), Precision);
        Assert.Equal(AchievementStatus.OnTrack, result.Status);
    }

    [Fact]
    public void RatioWithAZeroDenominatorInTheQuarterIsNoData()
    {
        var result = Evaluate(
            [Share(1, 0, 0)], quarter: 1, annualTarget: 80, quarterTarget: 80, aggregation: TimeAggregation.Ratio);

        Assert.Equal(AchievementStatus.NoData, result.Status);
        Assert.Null(result.QuarterValue);
    }

    [Fact]
    public void TargetOfZeroWithAReportedFigureIsOnTrack()
    {
        var result = Evaluate([Count(1, 0)], quarter: 1, annualTarget: 0);

        Assert.Equal(100d, result.AchievementPercent);
        Assert.Equal(AchievementStatus.OnTrack, result.Status);
    }

    [Fact]
    public void TargetOfZeroWithoutDataIsStillNoData()
    {
        var result = Evaluate([], quarter: 1, annualTarget: 0);

        Assert.Equal(AchievementStatus.NoData, result.Status);
    }

    // ---- Evaluate: lower is better ----

    [Fact]
    public void LowerIsBetterOvershootingTheCeilingIsCritical()
    {
        var result = Evaluate([Count(1, 200)], quarter: 1, annualTarget: 100, direction: Direction.LowerIsBetter);

        Assert.Equal(50, AssertHasValue(result.AchievementPercent), Precision);
        Assert.Equal(AchievementStatus.Critical, result.Status);
    }

    [Fact]
    public void LowerIsBetterWithAReportedZeroIsOnTrack()
    {
        var result = Evaluate([Count(1, 0)], quarter: 1, annualTarget: 10, direction: Direction.LowerIsBetter);

        Assert.Equal(100d, result.AchievementPercent);
        Assert.Equal(AchievementStatus.OnTrack, result.Status);
    }

    [Fact]
    public void LowerIsBetterWithNoDataIsNoDataNotAPerfectScore()
    {
        var result = Evaluate([], quarter: 1, annualTarget: 10, direction: Direction.LowerIsBetter);

        Assert.Equal(AchievementStatus.NoData, result.Status);
        Assert.Null(result.AchievementPercent);
    }

    // ---- Evaluate: thresholds and odd input ----

    [Fact]
    public void EvaluateClassifiesWithTheThresholdsItIsGiven()
    {
        QuarterFigure[] quarters = [Count(1, 85)];

        Assert.Equal(AchievementStatus.NeedsAttention, Evaluate(quarters, 1, annualTarget: 100).Status);
        Assert.Equal(
            AchievementStatus.OnTrack,
            Evaluate(quarters, 1, annualTarget: 100, thresholds: new StatusThresholds(80, 50)).Status);
    }

    [Theory]
    [InlineData(90d, AchievementStatus.OnTrack)]
    [InlineData(60d, AchievementStatus.NeedsAttention)]
    [InlineData(59.999d, AchievementStatus.Critical)]
    public void EvaluateHonoursTheExactThresholdBoundaries(double realisation, AchievementStatus expected)
    {
        Assert.Equal(expected, Evaluate([Count(4, realisation)], 4, annualTarget: 100).Status);
    }

    [Fact]
    public void WholeNumberAchievementLandsExactlyOnItsValue()
    {
        Assert.Equal(58d, AchievementCalculator.AchievementPercent(58, 100, Direction.HigherIsBetter));
    }

    [Fact]
    public void FloatingPointNoiseDoesNotPushAFigureBelowAThresholdItMeets()
    {
        // 0.7 + 0.2 is 0.8999999999999999 in binary floating point: 90 % of a target of 1 in every other sense.
        var result = Evaluate([Count(1, 0.7), Count(2, 0.2)], quarter: 2, annualTarget: 1);

        Assert.Equal(AchievementStatus.OnTrack, result.Status);
    }

    [Fact]
    public void ANegativeTargetIsTreatedAsNoTarget()
    {
        var result = Evaluate([Count(1, 5)], quarter: 1, annualTarget: -10);

        Assert.Equal(AchievementStatus.NoTarget, result.Status);
        Assert.Null(result.AchievementPercent);
    }

    [Fact]
    public void ANegativeLowerIsBetterRealisationIsTreatedAsNoData()
    {
        var result = Evaluate([Count(1, -5)], quarter: 1, annualTarget: 10, direction: Direction.LowerIsBetter);

        Assert.Equal(AchievementStatus.NoData, result.Status);
        Assert.Null(result.AchievementPercent);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void AQuarterOutsideOneToFourIsRejected(int quarter)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluate([Count(1, 1)], quarter, annualTarget: 1));
    }

    [Fact]
    public void AReportedQuarterOutsideOneToFourIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluate([Count(0, 1)], quarter: 2, annualTarget: 1));
    }
}

using MonevDashboard.Features.Indicators;
using MonevDashboard.Data.Model;

namespace MonevDashboard.Tests.Features.Achievement;

public class TimeAggregatorTests
{
    private static int Precision => 9;

    private static QuarterFigure Count(int quarter, double value) => new(quarter, value, null, null);

    private static QuarterFigure Share(int quarter, double numerator, double denominator) =>
        new(quarter, numerator, numerator, denominator);

    [Theory]
    [InlineData(TimeAggregation.Sum)]
    [InlineData(TimeAggregation.Latest)]
    [InlineData(TimeAggregation.Ratio)]
    [InlineData(TimeAggregation.Derived)]
    public void EveryAggregationOfAnEmptyPeriodIsNoDataNotZero(TimeAggregation aggregation)
    {
        Assert.Null(TimeAggregator.Aggregate(aggregation, []));
    }

    [Fact]
    public void SumAddsTheValuesOfEveryQuarterPresent()
    {
        var total = TimeAggregator.Aggregate(TimeAggregation.Sum, [Count(1, 100), Count(2, 250.5), Count(3, 49.5)]);

        Assert.Equal(400, AssertHasValue(total), Precision);
    }

    [Fact]
    public void SumOfASingleReportedZeroIsZeroNotNoData()
    {
        Assert.Equal(0d, TimeAggregator.Aggregate(TimeAggregation.Sum, [Count(1, 0)]));
    }

    [Fact]
    public void SumSkipsAMissingQuarterWithoutTreatingItAsAnything()
    {
        var total = TimeAggregator.Aggregate(TimeAggregation.Sum, [Count(1, 10), Count(3, 5)]);

        Assert.Equal(15, AssertHasValue(total), Precision);
    }

    [Fact]
    public void SumIgnoresNumeratorsAndDenominators()
    {
        var total = TimeAggregator.Aggregate(TimeAggregation.Sum, [new(1, 7, 1, 2), new(2, 3, 100, 200)]);

        Assert.Equal(10, AssertHasValue(total), Precision);
    }

    [Fact]
    public void LatestTakesTheValueOfTheHighestQuarter()
    {
        var stock = TimeAggregator.Aggregate(TimeAggregation.Latest, [Count(1, 100), Count(2, 120), Count(3, 90)]);

        Assert.Equal(90d, stock);
    }

    [Fact]
    public void LatestTakesTheHighestQuarterPresentEvenWithAGapBeforeIt()
    {
        var stock = TimeAggregator.Aggregate(TimeAggregation.Latest, [Count(1, 100), Count(3, 130)]);

        Assert.Equal(130d, stock);
    }

    [Fact]
    public void LatestDoesNotDependOnTheOrderOfTheList()
    {
        var stock = TimeAggregator.Aggregate(TimeAggregation.Latest, [Count(4, 40), Count(2, 20), Count(1, 10)]);

        Assert.Equal(40d, stock);
    }

    [Fact]
    public void LatestOfAReportedZeroIsZeroEvenWhenEarlierQuartersWereHigher()
    {
        var stock = TimeAggregator.Aggregate(TimeAggregation.Latest, [Count(1, 100), Count(2, 0)]);

        Assert.Equal(0d, stock);
    }

    [Theory]
    [InlineData(TimeAggregation.Ratio)]
    [InlineData(TimeAggregation.Derived)]
    public void RatioIsSumOfNumeratorsOverSumOfDenominatorsNotMeanOfRatios(TimeAggregation aggregation)
    {
        // Q1 1/10 = 10 %, Q2 90/90 = 100 %: the mean of ratios would be 55 %, the pooled ratio is 91/100.
        var percent = TimeAggregator.Aggregate(aggregation, [Share(1, 1, 10), Share(2, 90, 90)]);

        Assert.Equal(91, AssertHasValue(percent), Precision);
    }

    [Theory]
    [InlineData(TimeAggregation.Ratio)]
    [InlineData(TimeAggregation.Derived)]
    public void RatioIsExpressedInPercent(TimeAggregation aggregation)
    {
        var percent = TimeAggregator.Aggregate(aggregation, [Share(1, 3, 4)]);

        Assert.Equal(75, AssertHasValue(percent), Precision);
    }

    [Theory]
    [InlineData(TimeAggregation.Ratio)]
    [InlineData(TimeAggregation.Derived)]
    public void RatioWithADenominatorSummingToZeroIsNoData(TimeAggregation aggregation)
    {
        Assert.Null(TimeAggregator.Aggregate(aggregation, [Share(1, 0, 0), Share(2, 0, 0)]));
    }

    [Theory]
    [InlineData(TimeAggregation.Ratio)]
    [InlineData(TimeAggregation.Derived)]
    public void RatioWhereNoQuarterCarriesANumeratorAndDenominatorIsNoData(TimeAggregation aggregation)
    {
        Assert.Null(TimeAggregator.Aggregate(aggregation, [Count(1, 50), Count(2, 60)]));
    }

    [Fact]
    public void RatioOfAReportedZeroNumeratorIsZeroPercentNotNoData()
    {
        Assert.Equal(0d, TimeAggregator.Aggregate(TimeAggregation.Ratio, [Share(1, 0, 25)]));
    }

    [Fact]
    public void RatioLeavesOutAQuarterThatCarriesOnlyHalfOfThePair()
    {
        QuarterFigure[] quarters = [Share(1, 1, 4), new(2, 0, 100, null), new(3, 0, null, 100)];

        var percent = TimeAggregator.Aggregate(TimeAggregation.Ratio, quarters);

        Assert.Equal(25, AssertHasValue(percent), Precision);
    }

    [Fact]
    public void RatioIgnoresTheValueColumn()
    {
        var percent = TimeAggregator.Aggregate(TimeAggregation.Ratio, [new(1, 999, 1, 2)]);

        Assert.Equal(50, AssertHasValue(percent), Precision);
    }

    [Fact]
    public void DerivedGivesTheSameFigureAsRatioForTheSameQuarters()
    {
        QuarterFigure[] quarters = [Share(1, 7, 9), Share(3, 2, 11), new(4, 1, null, null)];

        Assert.Equal(
            TimeAggregator.Aggregate(TimeAggregation.Ratio, quarters),
            TimeAggregator.Aggregate(TimeAggregation.Derived, quarters));
    }

    [Fact]
    public void AnUnknownAggregationIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeAggregator.Aggregate((TimeAggregation)99, [Count(1, 1)]));
    }

    [Theory]
    [InlineData(1d, 4d, 25d)]
    [InlineData(0d, 4d, 0d)]
    [InlineData(5d, 4d, 125d)]
    [InlineData(2d, 3d, 66.666666666666667d)]
    public void RatioPercentIsNumeratorOverDenominatorTimesHundred(double numerator, double denominator, double expected)
    {
        Assert.Equal(expected, AssertHasValue(Ratio.Percent(numerator, denominator)), Precision);
    }

    [Fact]
    public void RatioPercentOfWholeNumbersIsExact()
    {
        Assert.Equal(7d, Ratio.Percent(7, 100));
    }

    [Theory]
    [InlineData(null, 4d)]
    [InlineData(1d, null)]
    [InlineData(null, null)]
    [InlineData(1d, 0d)]
    [InlineData(0d, 0d)]
    public void RatioPercentIsUndefinedWithoutBothPartsOrWithAZeroDenominator(double? numerator, double? denominator)
    {
        Assert.Null(Ratio.Percent(numerator, denominator));
    }

    private static double AssertHasValue(double? value)
    {
        Assert.True(value.HasValue, "expected a figure, got no data");
        return value.Value;
    }
}

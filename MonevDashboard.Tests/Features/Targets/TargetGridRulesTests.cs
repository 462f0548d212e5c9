using MonevDashboard.Data.Model;
using MonevDashboard.Features.Targets;

namespace MonevDashboard.Tests.Features.Targets;

public sealed class TargetGridRulesTests
{
    [Theory]
    [InlineData(100d, 25d, 25d, 25d, 25d, null)]
    [InlineData(100d, 25d, 25d, 25d, 30d, 105d)]
    [InlineData(100d, 25d, 25d, 25d, 20d, 95d)]
    [InlineData(100d, 25d, null, null, null, null)]
    [InlineData(100d, 60d, 50d, null, null, 110d)]
    public void SumIndicatorsHintWhenQuarterTargetsDoNotAddUpToTheAnnualOne(double annual, double? q1, double? q2, double? q3, double? q4, double? expected) =>
        Assert.Equal(expected, TargetSumCheck.MismatchedQuarterSum(TimeAggregation.Sum, annual, [q1, q2, q3, q4]));

    [Fact]
    public void FloatingPointNoiseIsNotAMismatch() =>
        // 0.1 + 0.1 + 0.1 is 0.30000000000000004.
        Assert.Null(TargetSumCheck.MismatchedQuarterSum(TimeAggregation.Sum, 0.3, [0.1, 0.1, 0.1, 0]));

    [Theory]
    [InlineData(TimeAggregation.Ratio)]
    [InlineData(TimeAggregation.Latest)]
    [InlineData(TimeAggregation.Derived)]
    public void LevelIndicatorsNeverHint(TimeAggregation aggregation) =>
        Assert.Null(TargetSumCheck.MismatchedQuarterSum(aggregation, 60, [50, 55, 60, 65]));

    [Fact]
    public void NoAnnualTargetMeansNoHint() =>
        Assert.Null(TargetSumCheck.MismatchedQuarterSum(TimeAggregation.Sum, null, [1, 2, 3, 4]));

    [Fact]
    public void DraftReadsIdIdNumbersAndKeepsBlankDistinctFromZero()
    {
        var typed = new TargetCellDraft(1, 0, null, 0) { Text = "1.234,5" };
        var blanked = new TargetCellDraft(1, 1, 1500, 3) { Text = "" };
        var zero = new TargetCellDraft(1, 2, null, 0) { Text = "0" };
        var retyped = new TargetCellDraft(1, 3, 1000, 1) { Text = "1000" };
        var garbage = new TargetCellDraft(1, 4, 10, 1) { Text = "sepuluh" };

        Assert.Equal(new TargetEdit(1, 0, 1234.5, null, 0), typed.ToEdit());
        Assert.Equal(new TargetEdit(1, 1, null, 1500, 3), blanked.ToEdit());
        Assert.True(blanked.IsDirty);
        Assert.Equal(new TargetEdit(1, 2, 0, null, 0), zero.ToEdit());
        Assert.True(zero.IsDirty);
        Assert.False(retyped.IsDirty);
        Assert.False(garbage.IsValid);
        Assert.Equal("1.500", new TargetCellDraft(1, 1, 1500, 1).Text);
    }
}

using MonevDashboard.Data;
using MonevDashboard.Components.Figures;
using MonevDashboard.Features.AuditLog;

namespace MonevDashboard.Tests.Features.AuditLog;

/// <summary>Defence in depth: an Infinity or NaN that got past the rules never breaks an audit save or a chart.</summary>
public sealed class NonFiniteValuesTests
{
    [Fact]
    public void TheAuditSerializerWritesNullForInfinityAndNaNInsteadOfThrowing()
    {
        var json = AuditEntryFormat.Serialize([("Value", double.PositiveInfinity), ("Numerator", double.NaN), ("Denominator", 0d), ("Note", "x")]);

        Assert.Equal("{\"Value\":null,\"Numerator\":null,\"Denominator\":0,\"Note\":\"x\"}", json);
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    public void AChartGetsAGapForANonFiniteValue(double value)
    {
        Assert.Null(ChartFormats.Finite(value));
        Assert.Equal(12.5, ChartFormats.Finite(12.5));
        Assert.Null(ChartFormats.Finite(null));
    }
}

using Bunit;
using MonevDashboard.Features.Dashboard;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Components.Figures;
using MonevDashboard.Data.Model;

using MonevDashboard.Features.Periods;
using MonevDashboard.Figures;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Dashboard;

public sealed class KpiCardTests : MonevTestContext
{
    private static readonly YearQuarter s_period = new(2026, 3);

    /// <summary>A sum indicator's card figures as the service builds them: the quarter judged by the real rules.</summary>
    internal static IndicatorFigure Figure(double? quarterValue, double? quarterTarget, string unit = "orang")
    {
        var quarters = quarterValue is { } v ? new List<QuarterFigure> { new(3, v, null, null) } : [];
        var achievement = AchievementCalculator.Evaluate(
            new AchievementInput(TimeAggregation.Sum, Direction.HigherIsBetter, 3, quarters, null, quarterTarget), StatusThresholds.Default);
        var trend = Enumerable.Range(0, 8).Select(i => new TrendPoint(s_period.Minus(7 - i), i == 7 ? quarterValue : 50 + i, null)).ToList();
        return new IndicatorFigure(1, "P1-PMI-TRAINED", "Calon PMI/PMI yang dilatih", "Trained", "P1", "Pilar 1", "Pillar 1",
            unit, "people", Ministry.Kp2mi, TimeAggregation.Sum, Direction.HigherIsBetter, Disaggregation.Province,
            achievement.QuarterValue, achievement.YearToDateValue, 56, null, quarterTarget, achievement, trend, FilterApplies: true);
    }

    private IRenderedComponent<KpiCard> RenderCard(IndicatorFigure figure) =>
        Render<KpiCard>(p => p.Add(c => c.Figure, figure).Add(c => c.Period, s_period).Add(c => c.Href, "/indikator/P1-PMI-TRAINED?tahun=2026&tw=3"));

    [Theory]
    [InlineData(90, "kpi-ontrack", "Tercapai", "90,0%")]
    [InlineData(89.99, "kpi-attention", "Perlu perhatian", "89,9%")]
    [InlineData(60, "kpi-attention", "Perlu perhatian", "60,0%")]
    [InlineData(59.99, "kpi-critical", "Kritis", "59,9%")]
    public void CardShowsTheStatusColourLabelAndAchievementAtEachThresholdBoundary(double realisation, string edge, string label, string percent)
    {
        var card = RenderCard(Figure(realisation, quarterTarget: 100));

        Assert.Contains(edge, card.Find(".kpi-card").ClassList);
        Assert.Equal(label, card.Find(".status-chip").TextContent.Trim());
        Assert.Equal(percent, card.Find("[data-testid=kpi-achievement]").TextContent.Trim());
    }

    [Fact]
    public void CardWithDataButNoTargetIsGreyAndSaysSo()
    {
        var card = RenderCard(Figure(1234, quarterTarget: null));

        Assert.Contains("kpi-grey", card.Find(".kpi-card").ClassList);
        Assert.Equal("Tanpa target", card.Find(".status-chip").TextContent.Trim());
        Assert.Equal("1.234 orang", card.Find("[data-testid=kpi-value]").TextContent.Trim());
        Assert.Equal("–", card.Find("[data-testid=kpi-achievement]").TextContent.Trim());
    }

    [Fact]
    public void CardWithoutDataIsGreyAndSaysNoDataRatherThanZero()
    {
        var card = RenderCard(Figure(null, quarterTarget: 100));

        Assert.Contains("kpi-grey", card.Find(".kpi-card").ClassList);
        Assert.Equal("Belum ada data", card.Find(".status-chip").TextContent.Trim());
        Assert.Equal("–", card.Find("[data-testid=kpi-value]").TextContent.Trim());
        Assert.Contains("Tidak ada pembanding", card.Find("[data-testid=kpi-change]").TextContent);
    }

    [Fact]
    public void CardLinksToTheIndicatorAndShowsTheChangeSinceThePreviousQuarter()
    {
        var card = RenderCard(Figure(1500, quarterTarget: 1000));

        Assert.Equal("/indikator/P1-PMI-TRAINED?tahun=2026&tw=3", card.Find("a.kpi-card-link").GetAttribute("href"));
        Assert.Equal("1.500 orang", card.Find("[data-testid=kpi-value]").TextContent.Trim());
        var change = card.Find("[data-testid=kpi-change]");
        Assert.Contains("change-better", change.ClassList);
        Assert.Contains("▲ +1.444 orang", change.TextContent);   // 1.500 − 56
        Assert.Equal("8", card.Find("[data-testid=sparkline]").GetAttribute("data-points"));
        // The sparkline is one piece of markup: its texts are encoded there and read back as written.
        Assert.Equal("Tren 8 triwulan terakhir", card.Find("[data-testid=sparkline]").GetAttribute("aria-label"));
        Assert.Equal("TW III 2026: 1.500 orang", card.FindAll("[data-testid=sparkline] circle title")[^1].TextContent);
    }
}

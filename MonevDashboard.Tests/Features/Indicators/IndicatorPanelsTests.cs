using Bunit;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Features.Periods;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Indicators;

public sealed class IndicatorPanelsTests : MonevTestContext
{
    [Fact]
    public void NarrativePanelSaysSoWhenTheQuarterHasNoNarrative()
    {
        var panel = Render<NarrativePanel>(p => p.Add(c => c.Narrative, null).Add(c => c.Period, new YearQuarter(2026, 3)));

        Assert.Equal("Belum ada narasi untuk TW III 2026.", panel.Find("[data-testid=narrative-empty]").TextContent.Trim());
    }

    [Fact]
    public void NarrativePanelShowsAnalysisObstaclesAndFollowUpReadOnly()
    {
        var narrative = new NarrativeView("Naik 5%", "Jadwal bentrok", "Tambah angkatan", "op@kp2mi.go.id", new DateTime(2026, 10, 15, 4, 0, 0, DateTimeKind.Utc));

        var panel = Render<NarrativePanel>(p => p.Add(c => c.Narrative, narrative).Add(c => c.Period, new YearQuarter(2026, 3)));

        var text = panel.Find("[data-testid=narrative]").TextContent;
        Assert.Contains("Kendala", text, StringComparison.Ordinal);
        Assert.Contains("Jadwal bentrok", text, StringComparison.Ordinal);
        Assert.Contains("15 Okt 2026 11.00 WIB", text, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("textarea, input"));
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MonevDashboard.Components.Figures;
using MonevDashboard.Domain;

namespace MonevDashboard.Tests.Components;

/// <summary>The charts drawn on the server (SvgCharts): well-formed SVG whose shapes stand where their values say, with id-ID tooltips.</summary>
public sealed class SvgChartsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XElement Parse(string svg) => XElement.Parse(svg);

    private static double Attr(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, CultureInfo.InvariantCulture);

    private static string Axis(double v) => FigureFormatter.Compact(v, "", false).Trim();

    [Fact]
    public void ALineLeavesAGapWhereAQuarterHasNoValueAndEachPointSaysItsValueTheIndonesianWay()
    {
        var svg = Parse(SvgCharts.Line(new ChartBox(520, 260, "Tren", "trend-chart"), ["TW I '26", "TW II '26", "TW III '26", "TW IV '26"],
            [new ChartSeriesData("Realisasi", [1200, 1500, null, 2400.5], "#0b4f8a"), new ChartSeriesData("Target", [1000, 2000, 3000, 4000], "#e0751a", Dashed: true)],
            Axis, v => FigureFormatter.Format(v, "orang")));

        Assert.Equal("img", svg.Attribute("role")!.Value);
        Assert.Equal("Tren", svg.Attribute("aria-label")!.Value);
        var lines = svg.Descendants(Svg + "polyline").ToList();
        // Realisation: two runs around the gap (the second has one point, so no line); target: one run of four.
        Assert.Equal(2, lines.Count);
        Assert.Equal(2, lines[0].Attribute("points")!.Value.Split(' ').Length);
        Assert.Equal(4, lines[1].Attribute("points")!.Value.Split(' ').Length);
        Assert.Equal("6 4", lines[1].Attribute("stroke-dasharray")!.Value);
        var points = svg.Descendants(Svg + "circle").ToList();
        Assert.Equal(7, points.Count);
        Assert.Equal("Realisasi · TW IV '26: 2.400,50 orang", points[2].Element(Svg + "title")!.Value);
        // Higher values stand higher: y grows downwards.
        Assert.True(Attr(points[1], "cy") < Attr(points[0], "cy"));
        // The value axis reaches the largest value: its top tick is at least 4.000.
        var ticks = svg.Descendants(Svg + "g").Single(g => g.Attribute("class")?.Value == "chart-axis-y").Elements(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal("0", ticks[0]);
        Assert.Contains(ticks, t => t == "4.000" || t == "4 rb");
        // Both series are named in a legend drawn in the image (it travels with a downloaded chart).
        Assert.Equal(["Realisasi", "Target"], svg.Descendants(Svg + "text").Where(t => t.Attribute("class")?.Value == "chart-legend").Select(t => t.Value));
    }

    [Fact]
    public void BarsAreAsHighAsTheirValuesCarryTheirGroupsCodeAndWriteTheirValue()
    {
        var svg = Parse(SvgCharts.Bars(new ChartBox(520, 240, "Per provinsi", "breakdown-province"),
            [new ChartItem("Jatim", "Jawa Timur", 800, "35"), new ChartItem("Jabar", "Jawa Barat", 400, "32"), new ChartItem("<NTB & co>", "Nusa Tenggara Barat", 200, "52")],
            "#0b4f8a", v => FigureFormatter.Format(v, "orang").Replace(" orang", ""), v => FigureFormatter.Format(v, "orang")));

        var bars = svg.Descendants(Svg + "rect").Where(r => r.Attribute("class")?.Value == "chart-bar").ToList();
        Assert.Equal(["35", "32", "52"], bars.Select(b => b.Attribute("data-code")!.Value));
        Assert.Equal(2.0, Attr(bars[0], "height") / Attr(bars[1], "height"), 2);
        Assert.Equal(2.0, Attr(bars[1], "height") / Attr(bars[2], "height"), 2);
        Assert.Equal("Jawa Timur: 800 orang", bars[0].Element(Svg + "title")!.Value);
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("800", texts);
        Assert.Contains("<NTB & co>", texts);
        // The highest bar's written value stays inside the drawing.
        var value = svg.Descendants(Svg + "text").First(t => t.Value == "800");
        Assert.True(Attr(value, "y") > 12);
    }

    [Fact]
    public void ADonutsSlicesShareTheRingByValueAndAWholeOneIsAFullRing()
    {
        var svg = Parse(SvgCharts.Donut(new ChartBox(260, 200, "Per jenis kelamin", "breakdown-sex"),
            [new ChartItem("Laki-laki", "Laki-laki", 300, "L"), new ChartItem("Perempuan", "Perempuan", 100, "P")],
            ["#0b4f8a", "#e0751a"], v => FigureFormatter.Format(v, "orang"), "400"));
        var slices = svg.Descendants(Svg + "path").ToList();
        Assert.Equal(["L", "P"], slices.Select(s => s.Attribute("data-code")!.Value));
        Assert.Equal("Perempuan: 100 orang (25,0%)", slices[1].Element(Svg + "title")!.Value);
        // Three quarters of the ring is a large arc; a quarter is not.
        Assert.Matches(@"A[\d.]+ [\d.]+ 0 1 1", slices[0].Attribute("d")!.Value);
        Assert.Matches(@"A[\d.]+ [\d.]+ 0 0 1", slices[1].Attribute("d")!.Value);
        Assert.Contains("75,0%", svg.Descendants(Svg + "text").Select(t => t.Value));

        var whole = Parse(SvgCharts.Donut(new ChartBox(260, 200, "x", "y"), [new ChartItem("Perempuan", "Perempuan", 5, "P")], ["#e0751a"], v => v.ToString(CultureInfo.InvariantCulture), "5"));
        var ring = whole.Descendants(Svg + "path").Single().Attribute("d")!.Value;
        Assert.Equal(4, Regex.Count(ring, "A"));
    }

    [Fact]
    public void StackedCountsUseWholeStepsAndWriteEachLayersCountWhereItFits()
    {
        var svg = Parse(SvgCharts.StackedBars(new ChartBox(260, 220, "Pilar", "pillar-chart"), ["P1", "P2"],
        [
            new ChartSeriesData("Tercapai", [3, 1], "#2e7d32"),
            new ChartSeriesData("Kritis", [1, 0], "#c62828"),
        ], v => v.ToString("N0", FigureFormatter.Culture)));
        var ticks = svg.Descendants(Svg + "g").Single(g => g.Attribute("class")?.Value == "chart-axis-y").Elements(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal(["0", "1", "2", "3", "4"], ticks);
        var segments = svg.Descendants(Svg + "rect").Where(r => r.Attribute("class")?.Value == "chart-segment").ToList();
        Assert.Equal(3, segments.Count);
        Assert.Equal("P1 · Kritis: 1", segments[1].Element(Svg + "title")!.Value);
        // The legend wraps within the narrow drawing rather than run off it.
        foreach (var legend in svg.Descendants(Svg + "text").Where(t => t.Attribute("class")?.Value == "chart-legend"))
        {
            Assert.True(Attr(legend, "x") + legend.Value.Length * 6.4 <= 260, legend.Value);
        }
    }

    [Fact]
    public void ANiceStepIsOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen()
    {
        Assert.Equal(0.5, ChartFormats.NiceStep(2));
        Assert.Equal(2000, ChartFormats.NiceStep(8800));
        Assert.Equal(250, ChartFormats.NiceStep(1200));
        Assert.Equal(1, ChartFormats.NiceStep(0));
    }

    [Fact]
    public void ADownloadedChartIsNamedAfterWhatItShows()
    {
        Assert.Equal("grafik-per-provinsi-teratas-realisasi-tw-iii-2026-jawa-timur",
            ExportFileName.Of("Per provinsi (teratas)", null, "Realisasi TW III 2026 · Jawa Timur"));
        Assert.Equal("grafik-remitansi-pmi-usd", ExportFileName.Of("Remitansi PMI (USD)"));
        Assert.True(ExportFileName.Of(new string('a', 300)).Length <= 96);
        Assert.Equal("grafik-ekspor-umkm", ExportFileName.Of("Ékspor — UMKM"));
    }
}

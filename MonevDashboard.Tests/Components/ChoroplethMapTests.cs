using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MonevDashboard.Components.Figures;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data.Reference;
using MonevDashboard.Figures;

namespace MonevDashboard.Tests.Components;

/// <summary>
/// The map of a province or country breakdown (issue #17, item 1): its colour scale and legend, and its SVG — every
/// province or country a titled shape, the ones with a figure links to the indicator narrowed to them.
/// </summary>
public sealed class ChoroplethMapTests
{
    private static readonly IStringLocalizer<SharedResource> s_localizer = new ServiceCollection().AddLogging().AddMonevLocalization()
        .BuildServiceProvider().GetRequiredService<IStringLocalizer<SharedResource>>();

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly DashboardQuery s_query = new(new FigureFilter(2026, 3));

    private static T InCulture<T>(string culture, Func<T> run)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return run();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    private static XElement Parse(string html) => XElement.Parse(html);

    private static Breakdown Provinces(params (string Code, double? Quarter)[] rows) =>
        new("P1-PMI-TRAINED", BreakdownDimension.Province,
            [.. rows.Select(r => new BreakdownRow(r.Code, ProvinceList.All.First(p => p.Code == r.Code).Name, ProvinceList.All.First(p => p.Code == r.Code).Name, r.Quarter, r.Quarter * 2))],
            null, null);

    private static Breakdown Countries(params (string Code, double? Quarter)[] rows) =>
        new("P3-REMITTANCE", BreakdownDimension.Country,
            [.. rows.Select(r => new BreakdownRow(r.Code, CountryList.All.First(c => c.Code == r.Code).NameId, CountryList.All.First(c => c.Code == r.Code).NameEn, r.Quarter, r.Quarter))],
            null, null);

    [Fact]
    public void FiveEqualClassesSpanTheValuesAndEachValueFallsInItsOwn()
    {
        var scale = ChoroplethScale.For([0, 10, 20, 30, 40, 50, double.NaN]);
        Assert.Equal(5, scale.Classes.Count);
        Assert.Equal(0, scale.Classes[0].From);
        Assert.Equal(50, scale.Classes[^1].To);
        Assert.Equal([10, 20, 30, 40, 50], scale.Classes.Select(c => c.To));
        Assert.Same(scale.Classes[0], scale.ClassOf(0));
        Assert.Same(scale.Classes[0], scale.ClassOf(10));
        Assert.Same(scale.Classes[1], scale.ClassOf(10.5));
        Assert.Same(scale.Classes[4], scale.ClassOf(50));
        Assert.Null(scale.ClassOf(null));
        Assert.Null(scale.ClassOf(double.PositiveInfinity));
        // Sequential: each class darker than the one before, and no class is the no-data fill.
        var luminance = scale.Classes.Select(c => ChoroplethScale.ContrastRatio(c.Fill, "#000000")).ToList();
        Assert.Equal(luminance.OrderDescending(), luminance);
        Assert.DoesNotContain(scale.Classes, c => c.Fill == ChoroplethScale.NoDataFill);
    }

    [Fact]
    public void FewDistinctValuesGetAsManyClassesAndNoValuesNone()
    {
        Assert.Single(ChoroplethScale.For([7, 7, 7]).Classes);
        Assert.Equal(2, ChoroplethScale.For([1, 2, 2]).Classes.Count);
        Assert.Empty(ChoroplethScale.For([]).Classes);
        Assert.Null(ChoroplethScale.For([]).ClassOf(3));
    }

    [Fact]
    public void TheInkOnEveryClassMeetsWcagContrast()
    {
        foreach (var range in ChoroplethScale.For([1, 2, 3, 4, 5]).Classes)
        {
            Assert.True(ChoroplethScale.ContrastRatio(range.Fill, range.Ink) >= 4.5, $"{range.Ink} on {range.Fill}");
        }
        Assert.Equal(ChoroplethScale.LightInk, ChoroplethScale.InkOn("#253494"));
        Assert.Equal(ChoroplethScale.DarkInk, ChoroplethScale.InkOn("#ffffcc"));
        Assert.Equal(21, ChoroplethScale.ContrastRatio("#000000", "#ffffff"), 3);
    }

    [Fact]
    public void LegendLabelsUseTheFiguresIdIdForms()
    {
        var scale = ChoroplethScale.For([1_000, 51_000]);
        Assert.Equal("1.000 – 26 rb orang", ChoroplethScale.Label(scale.Classes[0], "orang", english: false));
        Assert.Equal("26k – 51k orang", ChoroplethScale.Label(scale.Classes[1], "orang", english: true));
        var shares = ChoroplethScale.For([10, 80]);
        Assert.Equal("10,0% – 45,0%", ChoroplethScale.Label(shares.Classes[0], "%", english: false));
        // Class bounds are rounded to two significant digits, the last ending at the largest value.
        Assert.Equal([1_000, 1_670, 2_340], ChoroplethScale.For([1_000, 2_000, 3_000]).Classes.Select(c => c.From));
    }

    [Fact]
    public void EveryProvinceIsATitledTileAndTheOnesWithAFigureLinkToTheIndicatorNarrowedToThem()
    {
        var breakdown = Provinces(("35", 1234), ("33", 800), ("11", null));
        var svg = Parse(InCulture("id-ID", () => ChoroplethMap.Html(breakdown, "orang", false, s_query, s_localizer))).Element(Svg + "svg")!;
        var shapes = svg.Descendants().Where(e => (string?)e.Attribute("data-testid") == "map-shape").ToList();
        Assert.Equal(38, shapes.Count);
        Assert.Equal(ProvinceList.All.Select(p => p.Code).Order(), shapes.Select(s => (string)s.Attribute("data-code")!).Order());
        Assert.All(shapes, s => Assert.False(string.IsNullOrWhiteSpace(s.Elements().First(e => e.Name.LocalName == "title").Value)));

        var jatim = shapes.Single(s => (string)s.Attribute("data-code")! == "35");
        Assert.Equal("a", jatim.Name.LocalName);
        Assert.Equal("/indikator/P1-PMI-TRAINED?tahun=2026&tw=3&provinsi=35", (string)jatim.Attribute("href")!);
        Assert.Equal("Jawa Timur: 1.234 orang", jatim.Elements().First(e => e.Name.LocalName == "title").Value);

        // No figure (null or not in the breakdown): a named, hatched shape that opens nothing.
        foreach (var code in new[] { "11", "91" })
        {
            var shape = shapes.Single(s => (string)s.Attribute("data-code")! == code);
            Assert.Equal("g", shape.Name.LocalName);
            Assert.Null(shape.Attribute("href"));
            Assert.EndsWith(": tidak ada data", shape.Elements().First(e => e.Name.LocalName == "title").Value);
            Assert.StartsWith("url(#map-nodata-province)", (string)shape.Descendants().First(e => e.Name.LocalName == "rect").Attribute("fill")!);
        }
        // The largest figure gets the darkest class drawn, the smallest the lightest.
        var scale = ChoroplethScale.For([1234, 800]);
        Assert.Equal(scale.Classes[^1].Fill, (string)jatim.Descendants().First(e => e.Name.LocalName == "rect").Attribute("fill")!);
        Assert.Equal(scale.Classes[0].Fill,
            (string)shapes.Single(s => (string)s.Attribute("data-code")! == "33").Descendants().First(e => e.Name.LocalName == "rect").Attribute("fill")!);
    }

    [Fact]
    public void TheYearToDateViewColoursAndTitlesByTheCumulativeFigure()
    {
        var breakdown = Provinces(("35", 1234));
        var html = InCulture("id-ID", () => ChoroplethMap.Html(breakdown, "orang", true, s_query with { Filter = s_query.Filter with { YearToDate = true } }, s_localizer));
        Assert.Contains("<title>Jawa Timur: 2.468 orang</title>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/indikator/P1-PMI-TRAINED?tahun=2026&amp;tw=3&amp;kumulatif=1&amp;provinsi=35\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCountryIsATitledShapeAndTheOnesWithAFigureLinkWithTheirCountryCode()
    {
        var breakdown = Countries(("SA", 2_500_000), ("MY", 1_000_000), ("SG", 400_000));
        var root = Parse(InCulture("en", () => ChoroplethMap.Html(breakdown, "USD", false, s_query with { Filter = s_query.Filter with { ProvinceCode = "35" } }, s_localizer)));
        var shapes = root.Descendants().Where(e => (string?)e.Attribute("data-testid") == "map-shape").ToList();
        Assert.Equal(WorldMapShapes.Shapes.Count, shapes.Count);
        Assert.True(shapes.Count > 200, $"only {shapes.Count} countries drawn");
        Assert.All(shapes, s => Assert.False(string.IsNullOrWhiteSpace(s.Elements().First(e => e.Name.LocalName == "title").Value)));
        // Every drawn code is a country of the reference list.
        var known = CountryList.All.Select(c => c.Code).ToHashSet();
        Assert.All(shapes, s => Assert.Contains((string)s.Attribute("data-code")!, known));

        var links = shapes.Where(s => s.Name.LocalName == "a").ToList();
        Assert.Equal(["MY", "SA", "SG"], links.Select(s => (string)s.Attribute("data-code")!).Order());
        var saudi = links.Single(s => (string)s.Attribute("data-code")! == "SA");
        // The other filters stay; numbers are id-ID in English too (the project's one number format).
        Assert.Equal("/indikator/P3-REMITTANCE?tahun=2026&tw=3&provinsi=35&negara=SA", (string)saudi.Attribute("href")!);
        Assert.Equal("Saudi Arabia: USD 2.500.000", saudi.Elements().First(e => e.Name.LocalName == "title").Value);
        // Singapore is too small to point at: it gets a marker in its colour.
        Assert.Single(links.Single(s => (string)s.Attribute("data-code")! == "SG").Descendants(), e => e.Name.LocalName == "circle");
        Assert.Contains("Indonesia: no data", shapes.Select(s => s.Elements().First(e => e.Name.LocalName == "title").Value));
    }

    [Fact]
    public void TheLegendListsEachClassAndNoDataAndTheTableEveryGroup()
    {
        var breakdown = Provinces(("35", 1000), ("33", 2000), ("32", 3000));
        var legend = Parse(InCulture("id-ID", () => ChoroplethMap.Html(breakdown, "orang", false, s_query, s_localizer)))
            .Descendants().Single(e => (string?)e.Attribute("data-testid") == "map-legend");
        Assert.Equal(["1.000 – 1.670 orang", "1.670 – 2.340 orang", "2.340 – 3.000 orang", "Tidak ada data"],
            legend.Descendants("li").Select(li => li.Value));
        Assert.StartsWith("Realisasi (orang)", legend.Value, StringComparison.Ordinal);

        var table = Parse(InCulture("id-ID", () => ChoroplethMap.TableHtml(breakdown, "orang", false, s_query, s_localizer)));
        var rows = table.Descendants("tbody").Single().Elements("tr").ToList();
        Assert.Equal(["35", "33", "32"], rows.Select(r => (string)r.Attribute("data-code")!));
        Assert.Equal("/indikator/P1-PMI-TRAINED?tahun=2026&tw=3&provinsi=33", (string)rows[1].Descendants("a").Single().Attribute("href")!);
        Assert.Equal("2.000 orang", rows[1].Element("td")!.Value);
    }
}

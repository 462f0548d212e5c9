using MonevDashboard.Components.Figures;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Periods;
using MonevDashboard.Figures;

namespace MonevDashboard.Tests.Features.Dashboard;

public sealed class DashboardQueryTests
{
    private static readonly YearQuarter s_current = new(2026, 3);

    private static DashboardQuery Parse(string query)
    {
        var values = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""));
        return DashboardQuery.Parse(k => values.GetValueOrDefault(k), s_current);
    }

    [Fact]
    public void AnEmptyAddressShowsTheCurrentReportingQuarter()
    {
        var query = Parse("");

        Assert.Equal(new FigureFilter(2026, 3), query.Filter);
        Assert.Empty(query.Problems);
    }

    [Fact]
    public void AViewSurvivesTheRoundTripThroughItsAddress()
    {
        var view = new DashboardQuery(new FigureFilter(2025, 2, true, "P3", Ministry.Kemendag, "35", "SA"), "P3-EXPORT-VALUE");

        var back = Parse(view.ToQueryString());

        Assert.Equal("?tahun=2025&tw=2&kumulatif=1&pilar=P3&pemilik=kemendag&provinsi=35&negara=SA&indikator=P3-EXPORT-VALUE", view.ToQueryString());
        Assert.Equal(view.Filter, back.Filter);
        Assert.Equal(view.Indicator, back.Indicator);
        Assert.Equal("/indikator/P1-PMI-TRAINED?tahun=2025&tw=2&kumulatif=1&pilar=P3&pemilik=kemendag&provinsi=35&negara=SA&indikator=P3-EXPORT-VALUE",
            view.IndicatorHref("P1-PMI-TRAINED"));
    }

    [Theory]
    [InlineData("?tahun=2025", 2025, 4)]   // an earlier year: its last quarter
    [InlineData("?tahun=2026", 2026, 3)]   // this year: the quarter being reported
    [InlineData("?tahun=2026&tw=IV", 2026, 4)]
    [InlineData("?tw=1", 2026, 1)]
    public void AMissingQuarterIsTheSensibleOneForTheYear(string address, int year, int quarter)
    {
        Assert.Equal(new YearQuarter(year, quarter), Parse(address).Filter.Period);
    }

    [Fact]
    public void ValuesThatCannotBeUsedAreReportedAndIgnoredWithoutThrowing()
    {
        var query = Parse("?tahun=abc&tw=5&pemilik=bappenas&provinsi=Jawa%20Timur&negara=arab&kumulatif=mungkin");

        Assert.Equal(new FigureFilter(2026, 3), query.Filter);
        Assert.Equal(["tahun", "tw", "kumulatif", "pemilik", "provinsi", "negara"], query.Problems.Select(p => p.Name));
        Assert.Equal("Jawa Timur", query.Problems.Single(p => p.Name == "provinsi").Value);
    }

    [Fact]
    public void CodesTheCatalogueDoesNotKnowAreDroppedAndReported()
    {
        var options = new FilterOptions([2026], [new("P1", "Pilar 1", "Pillar 1")], [new("35", "Jawa Timur", "Jawa Timur")], [new("SA", "Arab Saudi", "Saudi Arabia")]);

        var query = Parse("?pilar=P9&provinsi=99&negara=sa").WithKnownCodes(options);

        Assert.Null(query.Filter.PillarCode);
        Assert.Null(query.Filter.ProvinceCode);
        Assert.Equal("SA", query.Filter.CountryCode);
        Assert.Equal(["pilar", "provinsi"], query.Problems.Select(p => p.Name));
    }

    [Fact]
    public void TheSexFilterTravelsInTheAddressAsJk()
    {
        var view = new DashboardQuery(new FigureFilter(2026, 3, Sex: "P"), "P1-PMI-TRAINED");

        Assert.Equal("?tahun=2026&tw=3&jk=P&indikator=P1-PMI-TRAINED", view.ToQueryString());
        Assert.Equal("P", Parse("?jk=p").Filter.Sex);
        var wrong = Parse("?jk=perempuan");
        Assert.Null(wrong.Filter.Sex);
        Assert.Equal("jk", wrong.Problems.Single().Name);
    }

    [Theory]
    [InlineData(BreakdownDimension.Province, "35", "/indikator/P1-PMI-TRAINED?tahun=2025&tw=2&pemilik=kp2mi&provinsi=35&jk=P&indikator=P3-REMITTANCE")]
    [InlineData(BreakdownDimension.Country, "SA", "/indikator/P1-PMI-TRAINED?tahun=2025&tw=2&pemilik=kp2mi&provinsi=32&negara=SA&jk=P&indikator=P3-REMITTANCE")]
    [InlineData(BreakdownDimension.Sex, "L", "/indikator/P1-PMI-TRAINED?tahun=2025&tw=2&pemilik=kp2mi&provinsi=32&jk=L&indikator=P3-REMITTANCE")]
    public void ADrillDownNarrowsTheViewToTheClickedGroupAndKeepsTheOtherFilters(BreakdownDimension dimension, string group, string href)
    {
        var view = new DashboardQuery(new FigureFilter(2025, 2, Owner: Ministry.Kp2mi, ProvinceCode: "32", Sex: "P"), "P3-REMITTANCE")
        {
            Problems = [new InvalidParameter("tahun", "dua")],
        };

        var narrowed = view.Narrowed(dimension, group);

        Assert.Equal(href, narrowed.IndicatorHref("P1-PMI-TRAINED"));
        Assert.Empty(narrowed.Problems);
    }

    [Theory]
    [InlineData("?tahun=2026&tw=2&versi=rapat", ShownFigures.AsReviewed)]
    [InlineData("?tahun=2026&tw=2&versi=terkini", ShownFigures.Current)]
    public void TheFiguresOfTheReviewOrTheCurrentOnesTravelInTheAddress(string address, ShownFigures shown)
    {
        var query = Parse(address);

        Assert.Equal(shown, query.Version);
        Assert.Equal(address, query.ToQueryString());
        Assert.Empty(query.Problems);
    }

    [Fact]
    public void WithoutAVersionThePageDecidesAndAnUnknownOneIsReported()
    {
        Assert.Null(Parse("?tahun=2026&tw=2").Version);
        Assert.DoesNotContain("versi", Parse("?tahun=2026&tw=2").ToQueryString(), StringComparison.Ordinal);

        var query = Parse("?versi=kemarin");

        Assert.Null(query.Version);
        Assert.Equal(new InvalidParameter("versi", "kemarin"), Assert.Single(query.Problems));
    }
}

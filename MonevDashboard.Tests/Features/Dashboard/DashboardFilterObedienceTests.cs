using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MonevDashboard.Components.Figures;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Dashboard;
using MonevDashboard.Features.Periods;
using MonevDashboard.Figures;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Dashboard;

/// <summary>
/// Issue #16: every card and chart of a dashboard view obeys its filters or says plainly that it does not, and a
/// chart's bar or slice opens its indicator narrowed to what was clicked.
/// </summary>
public sealed class DashboardFilterObedienceTests : MonevTestContext
{
    private static readonly YearQuarter s_period = new(2026, 3);

    private static IndicatorFigure Figure(string code, Ministry owner, Disaggregation by, string pillar = "P1", bool applies = true)
    {
        var achievement = AchievementCalculator.Evaluate(
            new AchievementInput(TimeAggregation.Sum, Direction.HigherIsBetter, 3, [new(3, 100, null, null)], null, 100), StatusThresholds.Default);
        var trend = Enumerable.Range(0, 8).Select(i => new TrendPoint(s_period.Minus(7 - i), 90 + i, null)).ToList();
        return new IndicatorFigure(code.Length, code, $"Nama {code}", $"Name {code}", pillar, $"Pilar {pillar}", $"Pillar {pillar}",
            "orang", "people", owner, TimeAggregation.Sum, Direction.HigherIsBetter, by,
            achievement.QuarterValue, achievement.YearToDateValue, 90, null, 100, achievement, trend, applies);
    }

    private static readonly IndicatorFigure s_trained = Figure(HeadlineIndicators.PmiTrained, Ministry.Kp2mi, Disaggregation.Sex | Disaggregation.Province);
    private static readonly IndicatorFigure s_umkm = Figure(HeadlineIndicators.UmkmFacilitated, Ministry.Kemendag, Disaggregation.Province, "P3");
    private static readonly IndicatorFigure s_exports = Figure(HeadlineIndicators.ExportValue, Ministry.Kemendag, Disaggregation.Country, "P3");
    private static readonly IndicatorFigure s_remittance = Figure(HeadlineIndicators.Remittance, Ministry.Kp2mi, Disaggregation.Country, "P3");
    private static readonly IndicatorFigure[] s_all = [s_trained, s_umkm, s_exports, s_remittance];

    private static Breakdown Breakdown(IndicatorFigure figure, BreakdownDimension dimension, params string[] groups) =>
        new(figure.Code, dimension, [.. groups.Select((g, i) => new BreakdownRow(g, $"Nama {g}", $"Name {g}", 100 - i, 200 - i))], 100, 200);

    [Fact]
    public void WithAnOwnerChosenTheHeadlineCardsShowOnlyThatOwnersIndicators()
    {
        var query = new DashboardQuery(new FigureFilter(2026, 3, Owner: Ministry.Kemendag));
        var dashboard = new DashboardFigures(s_all, [s_umkm, s_exports], [], s_umkm, null, null, null);

        var cards = Render<HeadlineCards>(p => p.Add(c => c.Dashboard, dashboard).Add(c => c.Query, query));

        Assert.Equal([HeadlineIndicators.UmkmFacilitated, HeadlineIndicators.ExportValue],
            cards.FindAll("[data-testid=headline-figure]").Select(f => f.GetAttribute("data-code")));
        Assert.DoesNotContain("PMI dilatih", cards.Markup);
        Assert.DoesNotContain("remitansi", cards.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void WithAPillarThatHasNoHeadlineIndicatorThereIsNoHeadlineRow()
    {
        var query = new DashboardQuery(new FigureFilter(2026, 3, PillarCode: "P4"));
        var dashboard = new DashboardFigures(s_all, [], [], null, null, null, null);

        var cards = Render<HeadlineCards>(p => p.Add(c => c.Dashboard, dashboard).Add(c => c.Query, query));

        Assert.Empty(cards.FindAll("[data-testid=headline]"));
    }

    [Fact]
    public void WithoutPillarOrOwnerEveryHeadlineGroupShowsAndAnInactiveOneSaysSo()
    {
        var query = new DashboardQuery(new FigureFilter(2026, 3));
        var dashboard = new DashboardFigures([s_trained, s_umkm, s_exports], [s_trained, s_umkm, s_exports], [], s_trained, null, null, null);

        var cards = Render<HeadlineCards>(p => p.Add(c => c.Dashboard, dashboard).Add(c => c.Query, query));

        Assert.Equal(3, cards.FindAll(".headline-card").Count);
        Assert.Contains("Indikator ini tidak aktif.", cards.Find("[data-testid=headline] .mud-grid-item:last-child").TextContent);
    }

    [Fact]
    public void TheBreakdownsShowTheChosenIndicatorWhenItHasThatBreakdownAndOtherwiseSayWhichOneTheyShow()
    {
        // Chosen: remittances, broken down by country only. The service falls back for province and sex.
        var selected = new[] { s_trained, s_remittance };
        var filter = new FigureFilter(2026, 3);
        Assert.Same(s_remittance, FigureQueryService.BreakdownIndicator(selected, s_remittance, filter, BreakdownDimension.Country));
        Assert.Same(s_trained, FigureQueryService.BreakdownIndicator(selected, s_remittance, filter, BreakdownDimension.Province));
        var dashboard = new DashboardFigures(selected, selected, [], s_remittance,
            Breakdown(s_trained, BreakdownDimension.Province, "35", "33"),
            Breakdown(s_remittance, BreakdownDimension.Country, "SA", "MY"),
            Breakdown(s_trained, BreakdownDimension.Sex, "P", "L"));
        var query = new DashboardQuery(filter, s_remittance.Code);

        var charts = Render<DashboardCharts>(p => p.Add(c => c.Dashboard, dashboard).Add(c => c.Query, query));

        Assert.Empty(charts.FindAll("[data-testid=panel-country] [data-testid=chart-notice]"));
        Assert.Equal($"Indikator {s_remittance.Code} tidak dipilah per provinsi; menampilkan {s_trained.Code} · Nama {s_trained.Code}.",
            charts.Find("[data-testid=panel-province] [data-testid=chart-notice]").TextContent.Trim());
        Assert.Equal($"Indikator {s_remittance.Code} tidak dipilah per jenis kelamin; menampilkan {s_trained.Code} · Nama {s_trained.Code}.",
            charts.Find("[data-testid=panel-sex] [data-testid=chart-notice]").TextContent.Trim());

        // Each group opens the indicator its chart shows, narrowed to that group, with the other filters.
        string Href(string panel, string code) =>
            charts.Find($"[data-testid={panel}] [data-testid=breakdown-row][data-code='{code}'] a").GetAttribute("href")!;
        Assert.Equal("/indikator/P1-PMI-TRAINED?tahun=2026&tw=3&provinsi=35&indikator=P3-REMITTANCE", Href("panel-province", "35"));
        Assert.Equal("/indikator/P3-REMITTANCE?tahun=2026&tw=3&negara=SA&indikator=P3-REMITTANCE", Href("panel-country", "SA"));
        Assert.Equal("/indikator/P1-PMI-TRAINED?tahun=2026&tw=3&jk=P&indikator=P3-REMITTANCE", Href("panel-sex", "P"));
    }

    [Fact]
    public void ABreakdownThatAFilterRulesOutForTheChosenIndicatorSaysItIsTheFilter()
    {
        // Chosen: UMKM facilitated (province only) under a sex filter; the province chart shows one broken down by both.
        var filter = new FigureFilter(2026, 3, Sex: "P");
        var umkm = s_umkm with { FilterApplies = false };
        var selected = new[] { s_trained, umkm };
        Assert.Same(s_trained, FigureQueryService.BreakdownIndicator(selected, umkm, filter, BreakdownDimension.Province));
        var dashboard = new DashboardFigures(selected, selected, [], umkm, Breakdown(s_trained, BreakdownDimension.Province, "35"), null, null);

        var charts = Render<DashboardCharts>(p => p.Add(c => c.Dashboard, dashboard).Add(c => c.Query, new DashboardQuery(filter, umkm.Code)));

        Assert.StartsWith($"Indikator {umkm.Code} tidak dipilah menurut filter provinsi/negara/jenis kelamin ini; menampilkan {s_trained.Code}",
            charts.Find("[data-testid=panel-province] [data-testid=chart-notice]").TextContent.Trim());
        // Its own trend cannot be narrowed to women: the panel says why instead of "no data".
        Assert.Equal($"Indikator {umkm.Code} tidak dipilah menurut filter provinsi/negara/jenis kelamin ini.",
            charts.Find("[data-testid=panel-trend] [data-testid=chart-empty]").TextContent.Trim());
        Assert.Equal("Tidak ada indikator yang dirinci menurut negara untuk filter ini.",
            charts.Find("[data-testid=panel-country] [data-testid=chart-empty]").TextContent.Trim());
    }

    [Fact]
    public void TheViewSummaryNamesTheSex()
    {
        var localizer = Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var options = new FilterOptions([2026], [], [new("35", "Jawa Timur", "Jawa Timur")], []);

        var text = ViewDescription.Describe(new DashboardQuery(new FigureFilter(2026, 3, ProvinceCode: "35", Sex: "P")), options, localizer);

        Assert.Equal("Realisasi TW III 2026 · Jawa Timur · Perempuan", text);
    }
}

using MonevDashboard.Features.Dashboard;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Data.Model;

using MonevDashboard.Features.Periods;
using MonevDashboard.Figures;

namespace MonevDashboard.Tests.Features.Dashboard;

/// <summary>
/// The one query service against hand-computed figures, on real SQLite. Each test builds its cells in an empty
/// database; the comments give the sums the assertions expect.
/// </summary>
public sealed class FigureQueryServiceTests
{
    private const string Trained = "P1-PMI-TRAINED";       // Sum; sex × province
    private const string SkilledShare = "P1-SKILLED-SHARE"; // Ratio; country
    private const string InfoEvents = "P2-INFO-EVENTS";     // Sum; province
    private const string JobOrders = "P2-JOB-ORDERS";       // Sum; country
    private const int Precision = 9;

    private static FigureFilter Q(int quarter, bool yearToDate = false, string? province = null, string? country = null, string? sex = null) =>
        new(2026, quarter, yearToDate, ProvinceCode: province, CountryCode: country, Sex: sex);

    /// <summary>
    /// P1-PMI-TRAINED, 2026. Q1: JT(35)/L 100 + 35/P 150 + JTg(33)/L 50 = 300. Q2: 35/L 120 + 33/P 80 = 200.
    /// Q3: 35/L 40 + 35/P 60 + 33/L 25 + 33/P 95 = 220. Year to date Q3 = 720. Plus TW IV 2025: 35/L 999.
    /// </summary>
    private static async Task SeedTrainedAsync(FigureFixture f)
    {
        await f.ObserveAsync(Trained, 2025, 4, 999, province: "35", sex: "L");
        await f.ObserveAsync(Trained, 2026, 1, 100, province: "35", sex: "L");
        await f.ObserveAsync(Trained, 2026, 1, 150, province: "35", sex: "P");
        await f.ObserveAsync(Trained, 2026, 1, 50, province: "33", sex: "L");
        await f.ObserveAsync(Trained, 2026, 2, 120, province: "35", sex: "L");
        await f.ObserveAsync(Trained, 2026, 2, 80, province: "33", sex: "P");
        await f.ObserveAsync(Trained, 2026, 3, 40, province: "35", sex: "L");
        await f.ObserveAsync(Trained, 2026, 3, 60, province: "35", sex: "P");
        await f.ObserveAsync(Trained, 2026, 3, 25, province: "33", sex: "L");
        await f.ObserveAsync(Trained, 2026, 3, 95, province: "33", sex: "P");
    }

    private static async Task<IndicatorFigure> FigureAsync(FigureFixture f, FigureFilter filter, string code) =>
        (await f.QueryAsync(s => s.GetIndicatorFigureAsync(filter, code)))!;

    [Fact]
    public async Task SumAddsTheCellsOfAQuarterAndTheQuartersOfTheYearToDate()
    {
        await using var f = await FigureFixture.CreateAsync();
        await SeedTrainedAsync(f);

        var q3 = await FigureAsync(f, Q(3), Trained);
        var q2 = await FigureAsync(f, Q(2), Trained);

        Assert.Equal(220, q3.QuarterValue);
        Assert.Equal(720, q3.YearToDateValue);
        Assert.Equal(200, q3.PreviousQuarterValue);
        Assert.Equal(20, q3.ChangeFromPreviousQuarter);
        Assert.Equal(200, q2.QuarterValue);
        Assert.Equal(500, q2.YearToDateValue);
        // The trend reaches back over the year boundary; TW IV 2025 is not part of 2026's year to date.
        Assert.Equal(999, q3.Trend.Single(p => p.Period == new YearQuarter(2025, 4)).Value);
        Assert.Equal([null, null, null, null, 999, 300, 200, 220], q3.Trend.Select(p => p.Value));
    }

    [Fact]
    public async Task LatestTakesTheLastReportedQuarterOfTheYearToDate()
    {
        await using var f = await FigureFixture.CreateAsync();
        await f.AddIndicatorAsync("T-STOCK", "P4", TimeAggregation.Latest, Disaggregation.None, "UMKM");
        await f.ObserveAsync("T-STOCK", 2026, 1, 10);
        await f.ObserveAsync("T-STOCK", 2026, 3, 30);   // nothing reported for TW II
        await f.TargetAsync("T-STOCK", 2026, 0, 40);

        var q2 = await FigureAsync(f, Q(2), "T-STOCK");
        var q3 = await FigureAsync(f, Q(3), "T-STOCK");
        var q4 = await FigureAsync(f, Q(4, yearToDate: true), "T-STOCK");

        Assert.Null(q2.QuarterValue);
        Assert.Equal(10, q2.YearToDateValue);
        Assert.Equal(30, q3.QuarterValue);
        Assert.Equal(30, q3.YearToDateValue);
        Assert.Equal(75, q3.Achievement.AchievementPercent);   // 30 of the annual 40
        Assert.Equal(30, q4.YearToDateValue);                  // not 10 + 30
    }

    [Fact]
    public async Task RatioPoolsNumeratorsAndDenominatorsRatherThanAveragingRatios()
    {
        await using var f = await FigureFixture.CreateAsync();
        // Q1: Taiwan 30/100 (30 %), Malaysia 10/50 (20 %) → 40/150 = 26,67 %. Q2: Taiwan 90/100 = 90 %.
        // Year to date: 130/250 = 52 % — not the mean of quarters (58,33) nor of cells (46,67).
        await f.ObserveShareAsync(SkilledShare, 2026, 1, 30, 100, country: "TW");
        await f.ObserveShareAsync(SkilledShare, 2026, 1, 10, 50, country: "MY");
        await f.ObserveShareAsync(SkilledShare, 2026, 2, 90, 100, country: "TW");
        await f.TargetAsync(SkilledShare, 2026, 0, 65);

        var q1 = await FigureAsync(f, Q(1), SkilledShare);
        var q2 = await FigureAsync(f, Q(2), SkilledShare);

        Assert.Equal(40 * 100.0 / 150, q1.QuarterValue!.Value, Precision);
        Assert.Equal(90, q2.QuarterValue!.Value, Precision);
        Assert.Equal(52, q2.YearToDateValue!.Value, Precision);
        // No quarter target: the year to date is measured against the annual target, 52 / 65 = 80 %.
        Assert.False(q2.Achievement.UsesQuarterTarget);
        Assert.Equal(80, q2.Achievement.AchievementPercent!.Value, Precision);
        Assert.Equal(AchievementStatus.NeedsAttention, q2.Achievement.Status);
    }

    [Fact]
    public async Task QuarterTargetJudgesTheQuarterAndAnnualTargetJudgesTheYearToDate()
    {
        await using var f = await FigureFixture.CreateAsync();
        await SeedTrainedAsync(f);
        await f.TargetAsync(Trained, 2026, 0, 1200);

        var annualOnly = await FigureAsync(f, Q(3), Trained);
        await f.TargetAsync(Trained, 2026, 3, 200);
        var withQuarterTarget = await FigureAsync(f, Q(3), Trained);
        var yearToDateView = await FigureAsync(f, Q(3, yearToDate: true), Trained);

        // 720 of 1.200 is exactly 60 %: the amber band's lower bound.
        Assert.Equal(60, annualOnly.Achievement.AchievementPercent);
        Assert.Equal(AchievementStatus.NeedsAttention, annualOnly.Achievement.Status);
        // 220 of the quarter's 200 is 110 %.
        Assert.True(withQuarterTarget.Achievement.UsesQuarterTarget);
        Assert.Equal(110, withQuarterTarget.Achievement.AchievementPercent!.Value, Precision);
        Assert.Equal(AchievementStatus.OnTrack, withQuarterTarget.Achievement.Status);
        // Year-to-date view ignores the quarter target.
        Assert.Null(yearToDateView.QuarterTarget);
        Assert.Equal(60, yearToDateView.Achievement.AchievementPercent);
    }

    [Fact]
    public async Task ProvinceCountryAndSexFiltersNarrowTheCellsAndNoNationalTargetApplies()
    {
        await using var f = await FigureFixture.CreateAsync();
        await SeedTrainedAsync(f);
        await f.TargetAsync(Trained, 2026, 0, 1200);
        await f.ObserveShareAsync(SkilledShare, 2026, 1, 30, 100, country: "TW");
        await f.ObserveShareAsync(SkilledShare, 2026, 1, 10, 50, country: "MY");

        var jatim = await FigureAsync(f, Q(3, province: "35"), Trained);
        var women = await FigureAsync(f, Q(3, sex: "P"), Trained);
        var jatengWomen = await FigureAsync(f, Q(3, province: "33", sex: "P"), Trained);
        var byCountry = await FigureAsync(f, Q(3, country: "TW"), Trained);
        var taiwan = await FigureAsync(f, Q(1, country: "TW"), SkilledShare);

        Assert.Equal(100, jatim.QuarterValue);          // 40 + 60
        Assert.Equal(470, jatim.YearToDateValue);       // 250 + 120 + 100
        Assert.Equal(155, women.QuarterValue);          // 60 + 95
        Assert.Equal(95, jatengWomen.QuarterValue);
        Assert.Equal(AchievementStatus.NoTarget, jatim.Achievement.Status);
        Assert.Null(jatim.AnnualTarget);
        // P1-PMI-TRAINED is not broken down by country: no figure, and the card says why.
        Assert.False(byCountry.FilterApplies);
        Assert.Null(byCountry.QuarterValue);
        Assert.Equal(30, taiwan.QuarterValue!.Value, Precision);
    }

    [Fact]
    public async Task NoDataStaysDistinctFromAReportedZero()
    {
        await using var f = await FigureFixture.CreateAsync();
        await f.ObserveAsync(InfoEvents, 2026, 3, 0, province: "35");
        await f.TargetAsync(InfoEvents, 2026, 3, 10);
        await f.TargetAsync(JobOrders, 2026, 3, 5000);

        var zero = await FigureAsync(f, Q(3), InfoEvents);
        var nothing = await FigureAsync(f, Q(3), JobOrders);

        Assert.Equal(0, zero.QuarterValue);
        Assert.Equal(0, zero.Achievement.AchievementPercent);
        Assert.Equal(AchievementStatus.Critical, zero.Achievement.Status);
        Assert.Null(zero.ChangeFromPreviousQuarter);    // TW II had no data: nothing to compare with
        Assert.Null(nothing.QuarterValue);
        Assert.Null(nothing.YearToDateValue);
        Assert.Equal(AchievementStatus.NoData, nothing.Achievement.Status);
        Assert.All(nothing.Trend, p => Assert.Null(p.Value));
    }

    [Fact]
    public async Task BreakdownGroupsInSqlAndItsTotalsAreTheSameCellsTotal()
    {
        await using var f = await FigureFixture.CreateAsync();
        await SeedTrainedAsync(f);

        var byProvince = (await f.QueryAsync(s => s.GetBreakdownTableAsync(Q(3), Trained, BreakdownDimension.Province)))!;
        var bySex = (await f.QueryAsync(s => s.GetBreakdownTableAsync(Q(3), Trained, BreakdownDimension.Sex)))!;
        var byCountry = await f.QueryAsync(s => s.GetBreakdownTableAsync(Q(3), Trained, BreakdownDimension.Country));

        // Largest quarter first: Jawa Tengah 25 + 95 = 120 (year to date 50 + 80 + 120 = 250), Jawa Timur 100 (470).
        Assert.Equal(["33", "35"], byProvince.Rows.Select(r => r.Code));
        Assert.Equal("Jawa Tengah", byProvince.Rows[0].NameId);
        Assert.Equal([120d, 100d], byProvince.Rows.Select(r => r.QuarterValue!.Value));
        Assert.Equal([250d, 470d], byProvince.Rows.Select(r => r.YearToDateValue!.Value));
        Assert.Equal(220, byProvince.QuarterTotal);
        Assert.Equal(720, byProvince.YearToDateTotal);
        Assert.Equal(["P", "L"], bySex.Rows.Select(r => r.Code));
        Assert.Equal([155d, 65d], bySex.Rows.Select(r => r.QuarterValue!.Value));
        Assert.Equal("Perempuan", bySex.Rows[0].NameId);
        Assert.Null(byCountry);   // not broken down by country
    }

    [Fact]
    public async Task TimeSeriesRunsFromTheFirstQuarterOfTheEarliestYearWithComparableTargets()
    {
        await using var f = await FigureFixture.CreateAsync();
        await SeedTrainedAsync(f);
        await f.TargetAsync(Trained, 2026, 3, 200);
        await f.TargetAsync(Trained, 2026, 0, 1200);

        var series = await f.QueryAsync(s => s.GetTimeSeriesAsync(Q(3), Trained, years: 2));

        Assert.Equal(new YearQuarter(2025, 1), series[0].Period);
        Assert.Equal(new YearQuarter(2026, 3), series[^1].Period);
        Assert.Equal([null, null, null, 999, 300, 200, 220], series.Select(p => p.Value));
        Assert.Equal([null, null, null, 999, 300, 500, 720], series.Select(p => p.YearToDateValue));
        // A flow's quarter is compared with its quarter target only, never with the annual one.
        Assert.Equal([null, null, null, null, null, null, 200], series.Select(p => p.Target));
        Assert.Equal(AchievementStatus.OnTrack, series[^1].Achievement.Status);
        // TW II has no quarter target: its year to date (500) is measured against the annual 1.200.
        Assert.Equal(500 * 100.0 / 1200, series[^2].Achievement.AchievementPercent!.Value, Precision);
    }

    [Fact]
    public async Task ObservationPagesAreCountedSortedAndPagedInTheDatabase()
    {
        await using var f = await FigureFixture.CreateAsync();
        await SeedTrainedAsync(f);

        var first = await f.QueryAsync(s => s.GetObservationPageAsync(new ObservationPageRequest(Trained, Q(3), 0, 4, "Value", Descending: true)));
        var last = await f.QueryAsync(s => s.GetObservationPageAsync(new ObservationPageRequest(Trained, Q(3), 2, 4, "Value", Descending: true)));
        var byName = await f.QueryAsync(s => s.GetObservationPageAsync(new ObservationPageRequest(Trained, Q(3), 0, 100, "ProvinceName")));
        var jatim = await f.QueryAsync(s => s.GetObservationPageAsync(new ObservationPageRequest(Trained, Q(2, province: "35"), 0, 100)));

        Assert.Equal(9, first.TotalCount);                   // 2026 TW I–III; TW IV 2025 is another year
        Assert.Equal([150d, 120d, 100d, 95d], first.Rows.Select(r => r.Value));
        Assert.Equal([25d], last.Rows.Select(r => r.Value));
        Assert.Equal("Jawa Tengah", byName.Rows[0].ProvinceName);
        Assert.Equal("Jawa Timur", byName.Rows[^1].ProvinceName);
        Assert.Equal(3, jatim.TotalCount);                   // TW I–II in Jawa Timur
        Assert.Equal([2, 1, 1], jatim.Rows.Select(r => r.Quarter));   // latest quarter first
    }

    [Fact]
    public async Task PillarSummaryCountsTheIndicatorsOfEachPillarByStatus()
    {
        await using var f = await FigureFixture.CreateAsync();
        await SeedTrainedAsync(f);
        await f.TargetAsync(Trained, 2026, 3, 200);                        // on track
        await f.ObserveShareAsync(SkilledShare, 2026, 3, 40, 100, "TW");   // data, no target
        // P1-PMI-CERTIFIED has nothing: no data.

        var dashboard = await f.QueryAsync(s => s.GetDashboardAsync(Q(3) with { PillarCode = "P1" }, null));

        var p1 = Assert.Single(dashboard.Pillars);
        Assert.Equal((3, 1, 0, 0, 1, 1), (p1.Indicators, p1.OnTrack, p1.NeedsAttention, p1.Critical, p1.NoTarget, p1.NoData));
        Assert.Equal(100.0 / 3, p1.OnTrackPercent!.Value, Precision);
        // Headline cards still see every indicator; the chart follows the first one shown.
        Assert.Equal(14, dashboard.AllIndicators.Count);
        Assert.Equal(Trained, dashboard.ChartIndicator!.Code);
        Assert.Equal(Trained, dashboard.ByProvince!.IndicatorCode);
        Assert.Equal(SkilledShare, dashboard.ByCountry!.IndicatorCode);   // the only P1 indicator by country
    }
}

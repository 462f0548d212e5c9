using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Figures;

namespace MonevDashboard.Tests.Features.Dashboard;

/// <summary>
/// The shared view cache: the second official asking for a view gets the first one's for the price of reading the
/// figure versions; a write makes exactly the views of the years it touched be rebuilt — never served stale — and the
/// change feed tells open pages about it.
/// </summary>
public sealed class FigureViewCacheTests
{
    private static FigureViewCache Cache(FigureFixture f) => f.Database.Services.GetRequiredService<FigureViewCache>();

    [Fact]
    public async Task TheSecondRequestForAViewIsServedFromTheCacheWithOneSmallQuery()
    {
        await using var f = await FigureFixture.CreateAsync();
        await f.ObserveAsync("P3-UMKM-FACILITATED", 2026, 3, 120, province: "35");
        var filter = new FigureFilter(2026, 3);

        var first = await f.QueryAsync(s => s.GetDashboardAsync(filter, null));
        f.Commands.Reset();
        var second = await f.QueryAsync(s => s.GetDashboardAsync(filter, null));

        Assert.Same(first, second);
        Assert.Equal(1, f.Commands.Count);
        Assert.Equal(1, Cache(f).Hits);
    }

    [Fact]
    public async Task AWriteIsSeenAtOnceAndViewsOfOtherYearsStayCached()
    {
        await using var f = await FigureFixture.CreateAsync();
        await f.ObserveAsync("P3-UMKM-FACILITATED", 2026, 3, 120, province: "35");
        await f.ObserveAsync("P3-UMKM-FACILITATED", 2024, 3, 50, province: "35");
        var now = new FigureFilter(2026, 3);
        var old = new FigureFilter(2024, 3);
        await f.QueryAsync(s => s.GetDashboardAsync(now, null));
        var oldView = await f.QueryAsync(s => s.GetDashboardAsync(old, null));

        await f.ObserveAsync("P3-UMKM-FACILITATED", 2026, 3, 30, province: "33");

        var after = await f.QueryAsync(s => s.GetDashboardAsync(now, null));
        Assert.Equal(150, after.AllIndicators.Single(i => i.Code == "P3-UMKM-FACILITATED").QuarterValue);
        Assert.Same(oldView, await f.QueryAsync(s => s.GetDashboardAsync(old, null)));
    }

    [Fact]
    public async Task AnIndicatorRenamedChangesEveryYearsViews()
    {
        await using var f = await FigureFixture.CreateAsync();
        var filter = new FigureFilter(2024, 3);
        await f.QueryAsync(s => s.GetIndicatorFiguresAsync(filter));
        await using (var db = f.Database.OpenContext())
        {
            var indicator = db.Indicators.Single(i => i.Code == "P3-UMKM-FACILITATED");
            indicator.NameId = "UMKM yang difasilitasi ekspor";
            await db.SaveChangesAsync();
        }

        var figures = await f.QueryAsync(s => s.GetIndicatorFiguresAsync(filter));

        Assert.Equal("UMKM yang difasilitasi ekspor", figures.Single(i => i.Code == "P3-UMKM-FACILITATED").NameId);
    }

    [Fact]
    public async Task FiftyOfficialsAskingAtOnceBuildTheViewOnce()
    {
        await using var f = await FigureFixture.CreateAsync();
        await f.ObserveAsync("P3-UMKM-FACILITATED", 2026, 3, 120, province: "35");
        var filter = new FigureFilter(2026, 3, YearToDate: true);

        var views = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => f.QueryAsync(s => s.GetDashboardAsync(filter, null))));

        Assert.All(views, v => Assert.Same(views[0], v));
        Assert.Equal(1, Cache(f).Misses);
    }

    [Fact]
    public async Task TheChangeFeedNamesTheYearsAWriteTouched()
    {
        await using var f = await FigureFixture.CreateAsync();
        var feed = f.Database.Services.GetRequiredService<FigureChangeFeed>();
        var seen = new List<IReadOnlySet<int>>();
        feed.Changed += seen.Add;
        await feed.CheckAsync();

        await f.ObserveAsync("P3-UMKM-FACILITATED", 2026, 3, 120, province: "35");
        await feed.CheckAsync();
        await feed.CheckAsync();

        var years = Assert.Single(seen);
        Assert.Equal([2026], years);
    }

    [Fact]
    public async Task EveryRecordOfTheModelIsPlacedAmongTheFiguresDependencies()
    {
        await using var f = await FigureFixture.CreateAsync();
        await using var db = f.Database.OpenContext();
        var types = db.Model.GetEntityTypes().Select(e => e.ClrType).ToList();
        var sets = new[] { FigureDependencies.OfTheirYear, FigureDependencies.OfAllYears, FigureDependencies.Never };

        var unplaced = types.Where(t => sets.Count(s => s.Contains(t)) != 1).Select(t => t.Name).ToList();

        Assert.True(unplaced.Count == 0, "Records placed in none or several of FigureDependencies' sets: " + string.Join(", ", unplaced));
        Assert.All(FigureDependencies.OfTheirYear, t => Assert.NotNull(t.GetProperty("Year")));
    }
}

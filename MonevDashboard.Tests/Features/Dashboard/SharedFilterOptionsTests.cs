using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Domain;
using MonevDashboard.Figures;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Dashboard;

/// <summary>
/// The filter bar's reference lists are one load shared by every circuit, not a copy (and four queries) per
/// circuit; they are reloaded when they may have changed.
/// </summary>
public sealed class SharedFilterOptionsTests
{
    [Fact]
    public async Task TwentyCircuitsOpeningAtOnceShareOneLoadOfTheSameReadOnlyLists()
    {
        await using var f = await FigureFixture.CreateAsync();
        var shared = f.Database.Services.GetRequiredService<SharedFilterOptions>();
        f.Commands.Reset();

        var lists = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => shared.GetAsync())));

        // Years, pillars, provinces and countries: one query each, once.
        Assert.Equal(4, f.Commands.Count);
        Assert.All(lists, l => Assert.Same(lists[0], l));
        Assert.Equal(38, lists[0].Provinces.Count);
        Assert.True(lists[0].Countries.Count > 200, $"{lists[0].Countries.Count} countries");
        // No circuit can change what the others see.
        ReadOnly(lists[0].Years);
        ReadOnly(lists[0].Pillars);
        ReadOnly(lists[0].Provinces);
        ReadOnly(lists[0].Countries);
    }

    [Fact]
    public async Task TheListsAreReloadedAfterTheirMaximumAgeAndWhenTheReportingYearTurns()
    {
        await using var f = await FigureFixture.CreateAsync();
        var shared = f.Database.Services.GetRequiredService<SharedFilterOptions>();
        var clock = f.Database.Clock;
        clock.Now = new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero);

        var first = await shared.GetAsync();
        clock.Now += SharedFilterOptions.MaxAge - TimeSpan.FromSeconds(1);
        Assert.Same(first, await shared.GetAsync());

        clock.Now += TimeSpan.FromSeconds(2);
        var reloaded = await shared.GetAsync();
        Assert.NotSame(first, reloaded);

        // The first minutes of a new reporting year offer that year at once, not up to ten minutes later.
        var turn = YearTurn(clock);
        clock.Now = turn - TimeSpan.FromMinutes(1);
        var lastYear = await shared.GetAsync();
        clock.Now = turn + TimeSpan.FromMinutes(1);
        Assert.NotSame(lastYear, await shared.GetAsync());
    }

    private static void ReadOnly<T>(IReadOnlyList<T> list) =>
        Assert.True(list is ICollection<T> { IsReadOnly: true }, $"{list.GetType().Name} can be changed");

    /// <summary>The first minute (after the clock's time) in which the current reporting year is a later one.</summary>
    private static DateTimeOffset YearTurn(TestClock clock)
    {
        var start = clock.Now;
        var year = clock.CurrentReportingQuarter().Year;
        var probe = new TestClock(start);
        while (probe.CurrentReportingQuarter().Year == year)
        {
            probe.Now += TimeSpan.FromMinutes(1);
        }
        return probe.Now;
    }
}

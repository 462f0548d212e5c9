using MonevDashboard.Figures.Notifications;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Dashboard;
using MonevDashboard.Figures;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Dashboard;

/// <summary>
/// A dashboard view costs a fixed number of SQL commands: the same for the 14 indicators of the PKS as for a
/// catalogue of 40, because every figure comes from one GROUP BY per source, never a query per indicator.
/// </summary>
public sealed class DashboardQueryCountTests
{
    /// <summary>Generous enough for the documented queries, far below one per indicator.</summary>
    private const int Budget = 20;

    private static readonly string[] s_pillars = ["P1", "P2", "P3", "P4"];
    private static readonly Disaggregation[] s_shapes =
        [Disaggregation.None, Disaggregation.Province, Disaggregation.Country, Disaggregation.Sex | Disaggregation.Province];

    /// <summary>Figures for every indicator in the catalogue, plus <paramref name="extra"/> more indicators with data.</summary>
    private static async Task<FigureFixture> CatalogueAsync(int extra)
    {
        var f = await FigureFixture.CreateAsync();
        for (var i = 0; i < extra; i++)
        {
            await f.AddIndicatorAsync($"X-{i:00}", s_pillars[i % 4], TimeAggregation.Sum, s_shapes[i % 4]);
        }
        await using (var db = f.Database.OpenContext())
        {
            var indicators = db.Indicators.Select(i => new { i.Code, i.Disaggregations }).ToList();
            foreach (var indicator in indicators)
            {
                for (var q = 1; q <= 3; q++)
                {
                    var province = indicator.Disaggregations.HasFlag(Disaggregation.Province) ? "35" : "";
                    var country = indicator.Disaggregations.HasFlag(Disaggregation.Country) ? "TW" : "";
                    var sex = indicator.Disaggregations.HasFlag(Disaggregation.Sex) ? "P" : "";
                    await f.ObserveAsync(indicator.Code, 2026, q, 10 * q, province, country, sex, numerator: 1, denominator: 2);
                }
                await f.TargetAsync(indicator.Code, 2026, 0, 100);
            }
        }
        f.Commands.Reset();
        return f;
    }

    private static async Task<int> CommandsForDashboardAsync(FigureFixture f, FigureFilter filter)
    {
        f.Commands.Reset();
        await f.QueryAsync(s => s.GetDashboardAsync(filter, null));
        return f.Commands.Count;
    }

    [Fact]
    public async Task DashboardQueriesDoNotGrowWithTheNumberOfIndicators()
    {
        await using var pks = await CatalogueAsync(extra: 0);
        await using var large = await CatalogueAsync(extra: 26);
        var filter = new FigureFilter(2026, 3);

        var forFourteen = await CommandsForDashboardAsync(pks, filter);
        var forForty = await CommandsForDashboardAsync(large, filter);
        var narrowed = await CommandsForDashboardAsync(large, filter with { ProvinceCode = "35", YearToDate = true });

        Assert.Equal(40, (await large.QueryAsync(s => s.GetDashboardAsync(filter, null))).AllIndicators.Count);
        Assert.Equal(forFourteen, forForty);
        Assert.InRange(forForty, 6, Budget);
        Assert.True(narrowed <= forForty, $"{narrowed} commands with a province filter");
    }

    [Fact]
    public async Task RenderingTheDashboardPageSendsTheSameNumberOfCommandsForFourteenAndFortyIndicators()
    {
        await using var pks = await CatalogueAsync(extra: 0);
        await using var large = await CatalogueAsync(extra: 26);

        var forFourteen = await CommandsForPageAsync(pks, expectedCards: 14);
        var forForty = await CommandsForPageAsync(large, expectedCards: 40);

        Assert.Equal(forFourteen, forForty);
        // The page also shows the reporting progress (a few GROUP BYs) and the review banner: a fixed number more,
        // still the same for 14 and 40 indicators.
        Assert.InRange(forForty, 6, Budget + 16);
    }

    private static async Task<int> CommandsForPageAsync(FigureFixture f, int expectedCards)
    {
        await using var scope = f.Database.Scope();
        // What awaits the user is read once per circuit, not per indicator: loaded before counting, so the panel's
        // own queries (which otherwise may or may not finish before the cards) do not make the count race.
        var notifications = scope.ServiceProvider.GetRequiredService<NotificationCenter>();
        await notifications.EnsureAsync();
        await using var context = new PageContext(f.Service(scope),
            scope.ServiceProvider.GetRequiredService<ReviewSnapshotService>(),
            scope.ServiceProvider.GetRequiredService<ReportingProgressService>(),
            scope.ServiceProvider.GetRequiredService<FigureChangeFeed>(),
            scope.ServiceProvider.GetRequiredService<SharedFilterOptions>(),
            notifications);
        context.Render<MudBlazor.MudPopoverProvider>();
        f.Commands.Reset();

        var page = context.Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal(expectedCards, page.FindAll("[data-testid=kpi-card]").Count), TimeSpan.FromSeconds(10));
        return f.Commands.Count;
    }

    /// <summary>What <see cref="MonevTestContext"/> sets up, with the app's query service over a fixture database.</summary>
    private sealed class PageContext : BunitContext
    {
        public PageContext(FigureQueryService figures, ReviewSnapshotService snapshots,
            ReportingProgressService progress, FigureChangeFeed feed, SharedFilterOptions filterOptions, NotificationCenter notifications)
        {
            Services.AddSingleton(notifications);
            Services.AddSingleton(feed);
            Services.AddSingleton(filterOptions);
            Services.AddSingleton(progress);
            Services.AddSingleton(figures);
            Services.AddSingleton(snapshots);
            Services.AddMudServices();
            Services.AddLocalization();
            JSInterop.Mode = JSRuntimeMode.Loose;
            SetRendererInfo(new RendererInfo("Server", true));
        }
    }
}

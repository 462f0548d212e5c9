using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Features.Dashboard;
using MonevDashboard.Figures;
using MonevDashboard.Figures.Notifications;
using MonevDashboard.Tests.Support;
using Xunit.Abstractions;

namespace MonevDashboard.Tests.Features.Dashboard;

/// <summary>
/// A live dashboard circuit's server memory is mostly its components (render-tree buffers, per-component
/// bookkeeping, MudBlazor state): the number of component instances an idle dashboard holds is what keeps a
/// circuit cheap, so it has a ceiling. Cards, badges and chips are plain markup; select items exist only while
/// their select is open.
/// </summary>
public sealed class DashboardComponentCountTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>
    /// Measured on the demo data (14 indicators, the page and the popover provider): 406 components while cards,
    /// chips and badges were nested MudBlazor components and closed selects held their 69 items; 172 with plain-markup
    /// cards; 159 since the dashboard renders each KPI card as one shared HTML string instead of a KpiCard component
    /// (with the data-updated notice counted); 53 since the five charts are one SVG string each (SvgCharts) and the
    /// chart indicator's picker a native select. The ceiling leaves room for a few more panels; passing it means a
    /// card, list or chart went back to nested components.
    /// </summary>
    private const int Ceiling = 70;

    private TestDatabase _database = null!;

    public async Task InitializeAsync() =>
        _database = await TestDatabase.CreateAsync(demoData: true, configure: s => s.AddFigures().AddNotifications());

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task AnIdleDashboardOnDemoDataStaysUnderItsComponentCeiling()
    {
        await using var scope = _database.Scope();
        await using var context = new PageContext(PageServices(scope));
        var popovers = context.Render<MudBlazor.MudPopoverProvider>();

        var page = context.Render<DashboardPage>();
        page.WaitForAssertion(() =>
        {
            Assert.Equal(14, page.FindAll("[data-testid=kpi-card]").Count);
            Assert.Equal("false", page.Find("[data-testid=dashboard]").GetAttribute("data-loading"));
            Assert.NotEmpty(page.FindAll("[data-testid=ministry-progress]"));
        });

        // The popover provider holds what the selects render into their (closed) lists.
        var components = page.FindComponents<IComponent>().Concat(popovers.FindComponents<IComponent>()).ToList();
        var count = components.Count + 2;   // and the two roots themselves
        var byType = string.Join(", ", components.GroupBy(c => c.Instance.GetType().Name).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
        output.WriteLine($"{count} components: {byType}");
        Assert.True(count <= Ceiling, $"{count} components (ceiling {Ceiling}): {byType}");
    }

    /// <summary>
    /// Opening a dashboard costs the server one render of its figures, not two: the prerender is the page's frame and
    /// the skeleton, and the figures (asked of the view cache) come with the circuit.
    /// </summary>
    [Fact]
    public async Task ThePrerenderIsTheSkeletonAndAsksForNoFigures()
    {
        await using var scope = _database.Scope();
        var cache = _database.Get<FigureViewCache>(scope);
        var asked = cache.Hits + cache.Misses;
        await using var context = new PrerenderContext(PageServices(scope));

        var page = context.Render<DashboardPage>();

        // The filter bar is there (its lists are shared by all circuits), so the page does not jump when figures come.
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=filter-bar]")));
        Assert.NotEmpty(page.FindAll("[data-testid=dashboard-skeleton]"));
        Assert.Empty(page.FindAll("[data-testid=kpi-card]"));
        Assert.Equal(asked, cache.Hits + cache.Misses);
    }

    private Action<IServiceCollection> PageServices(AsyncServiceScope scope) => services =>
    {
        services.AddSingleton(_database.Get<FigureQueryService>(scope));
        services.AddSingleton(_database.Get<ReviewSnapshotService>(scope));
        services.AddSingleton(_database.Get<ReportingProgressService>(scope));
        services.AddSingleton(_database.Get<TimeProvider>(scope));
        services.AddSingleton(_database.Get<SharedFilterOptions>(scope));
        services.AddSingleton(_database.Get<FigureChangeFeed>(scope));
        services.AddSingleton(_database.Get<NotificationCenter>(scope));
    };

    private sealed class PageContext(Action<IServiceCollection> configure) : MonevTestContext(configure);

    /// <summary>The prerender: a static renderer, not yet interactive.</summary>
    private sealed class PrerenderContext : MonevTestContext
    {
        public PrerenderContext(Action<IServiceCollection> configure) : base(configure) => SetRendererInfo(new RendererInfo("Static", false));
    }
}

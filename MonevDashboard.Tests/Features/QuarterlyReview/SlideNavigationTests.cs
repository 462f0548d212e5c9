using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Periods;
using MonevDashboard.Features.QuarterlyReview;
using MonevDashboard.Infrastructure;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.QuarterlyReview;

public sealed class SlideNavigationTests : MonevTestContext
{
    private IRenderedComponent<SlideNavigator> RenderDeck(int count) =>
        Render<SlideNavigator>(p => p
            .Add(c => c.Count, count)
            .Add(c => c.Slide, (RenderFragment<int>)(index => builder => builder.AddMarkupContent(0, $"<p class=\"content\">slide {index}</p>"))));

    [Fact]
    public void ArrowsPageKeysHomeAndEndMoveThroughTheSlidesWithinBounds()
    {
        var deck = RenderDeck(7);
        void Press(string key) => deck.Find("[data-testid=presentation]").KeyDown(new KeyboardEventArgs { Key = key });

        Assert.Equal("1 / 7", deck.Find("[data-testid=slide-counter]").TextContent);
        Press("ArrowLeft");
        Assert.Equal("1 / 7", deck.Find("[data-testid=slide-counter]").TextContent);
        Press("ArrowRight");
        Press("PageDown");
        Assert.Equal("3 / 7", deck.Find("[data-testid=slide-counter]").TextContent);
        Assert.Equal("slide 2", deck.Find(".content").TextContent);
        Press("PageUp");
        Assert.Equal("2 / 7", deck.Find("[data-testid=slide-counter]").TextContent);
        Press("End");
        Press("ArrowRight");
        Assert.Equal("7 / 7", deck.Find("[data-testid=slide-counter]").TextContent);
        Press("Home");
        Assert.Equal("1 / 7", deck.Find("[data-testid=slide-counter]").TextContent);
        Press("x");
        Assert.Equal("1 / 7", deck.Find("[data-testid=slide-counter]").TextContent);
    }

    [Fact]
    public void ButtonsMoveAndAreDisabledAtTheEnds()
    {
        var deck = RenderDeck(2);

        Assert.True(deck.Find("[data-testid=slide-prev]").HasAttribute("disabled"));
        deck.Find("[data-testid=slide-next]").Click();
        Assert.Equal("2 / 2", deck.Find("[data-testid=slide-counter]").TextContent);
        Assert.True(deck.Find("[data-testid=slide-next]").HasAttribute("disabled"));
    }
}

/// <summary>The action-item list against a real database: each filter narrows the rows shown.</summary>
public sealed class ActionItemListTests() : MonevTestContext(Register)
{
    private static TestDatabase? s_db;
    private static AsyncServiceScope s_scope;

    // bUnit needs its services before the first render, so the database is made here, synchronously, once.
    private static void Register(IServiceCollection services)
    {
        s_db ??= TestDatabase.CreateAsync(demoData: true).GetAwaiter().GetResult();
        s_scope = s_db.Scope(TestUser.As("pimpinan@x", Roles.Pimpinan));
        services.AddSingleton(s_scope.ServiceProvider.GetRequiredService<ReviewService>());
        services.AddSingleton(s_scope.ServiceProvider.GetRequiredService<AccessGuard>());
        services.AddSingleton(s_scope.ServiceProvider.GetRequiredService<GridExport>());
        services.AddSingleton(s_scope.ServiceProvider.GetRequiredService<DownloadService>());
    }

    [Fact]
    public async Task ScopeAndOverdueFiltersNarrowTheList()
    {
        Render<MudBlazor.MudPopoverProvider>();
        var list = Render<ActionItemList>(p => p.Add(c => c.Period, new YearQuarter(2026, 2)));
        list.WaitForAssertion(() => Assert.NotEmpty(list.FindAll("[data-testid=action-row]")));
        var all = await s_scope.ServiceProvider.GetRequiredService<ReviewService>().GetActionItemsAsync(new ActionItemFilter());
        // It opens on what is still to be done, from every meeting (the quarter's own meeting may not be held yet).
        var open = all.Count(a => a.Status != ActionItemStatus.Done);
        Assert.Equal(open, list.FindAll("[data-testid=action-row]").Count);
        Assert.True(open < all.Count);
        Assert.Contains(all, a => a.Status != ActionItemStatus.Done && a.MeetingPeriod != new YearQuarter(2026, 2));

        // Overdue only: every remaining row is overdue, and there are fewer of them.
        list.Find("[data-testid=action-filters] input[type=checkbox]").Change(true);
        var overdue = all.Count(a => a.IsOverdue);
        list.WaitForAssertion(() => Assert.Equal(overdue, list.FindAll("[data-testid=action-row]").Count));
        Assert.All(list.FindAll("[data-testid=action-row]"), r => Assert.Equal("true", r.GetAttribute("data-overdue")));
        Assert.True(overdue < open);
    }
}

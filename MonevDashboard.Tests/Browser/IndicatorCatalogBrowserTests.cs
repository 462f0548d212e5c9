using Microsoft.Playwright;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class IndicatorCatalogBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task CatalogShowsAllPillarsAndIndicatorsWithStatusColoursAndSwitchesLanguage()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/indikator");

        // The catalogue's figures arrive after the circuit is interactive: wait for them rather than count at once.
        await Assertions.Expect(page.Locator("[data-testid=pillar]")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("[data-testid=indicator-row]")).ToHaveCountAsync(14);
        // Every status is shown with its colour; the seeded demo data has green, amber and red ones.
        Assert.True(await page.Locator(".status-ontrack").CountAsync() > 0);
        Assert.True(await page.Locator(".status-attention").CountAsync() > 0);
        Assert.True(await page.Locator(".status-critical").CountAsync() > 0);
        // Figures in id-ID: thousands separated by dots.
        var trained = await page.Locator("[data-code='P1-PMI-TRAINED'] [data-testid=realisation]").InnerTextAsync();
        Assert.Matches(@"^\d{1,3}(\.\d{3})+ orang$", trained);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Katalog Indikator");
        await BrowserFixture.ScreenshotAsync(page, "indikator-id");

        await page.Locator("[data-testid=language-menu] button").ClickAsync();
        await page.Locator("[data-testid=lang-en]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Indicator catalogue");
        await page.WaitForSelectorAsync("#app-ready[data-interactive='true']", new() { State = WaitForSelectorState.Attached });
        Assert.Contains("On track", await page.Locator("[data-code='P1-PMI-TRAINED']").InnerTextAsync() + await page.Locator("body").InnerTextAsync());
        await BrowserFixture.ScreenshotAsync(page, "indikator-en");

        await page.Locator("[data-testid=language-menu] button").ClickAsync();
        await page.Locator("[data-testid=lang-id]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Katalog Indikator");
    }
}

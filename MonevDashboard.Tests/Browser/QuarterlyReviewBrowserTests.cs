using Microsoft.Playwright;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

/// <summary>The review meeting run from the app. It locks a quarter, so it has its own app.</summary>
[Collection(BrowserCollection.Name)]
public sealed class QuarterlyReviewBrowserTests(BrowserFixture browser, AppServerFixture own) : IClassFixture<AppServerFixture>
{
    [Theory]
    [InlineData(1280, 720)]
    [InlineData(1920, 1080)]
    public async Task PresentationRunsThroughEverySlideWithTheKeyboard(int width, int height)
    {
        var page = await browser.NewPageAsync(width: width, height: height, app: own.App);
        await BrowserFixture.GotoInteractiveAsync(page, "/tinjauan/presentasi?tahun=2026&tw=3");
        await page.WaitForSelectorAsync("[data-testid=slide-counter]");
        var counter = await page.Locator("[data-testid=slide-counter]").InnerTextAsync();
        Assert.Equal("1 / 7", counter);

        for (var slide = 1; slide <= 7; slide++)
        {
            await Assertions.Expect(page.Locator("[data-testid=slide-counter]")).ToHaveTextAsync($"{slide} / 7");
            await BrowserFixture.ScreenshotAsync(page, $"presentasi-{width}-slide{slide}", fullPage: false);
            await page.Keyboard.PressAsync(slide % 2 == 0 ? "PageDown" : "ArrowRight");
        }
        await Assertions.Expect(page.Locator("[data-testid=slide-actions]")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("PageUp");
        await Assertions.Expect(page.Locator("[data-testid=slide-attention]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=slide-attention]")).ToContainTextAsync("perlu perhatian");
    }

    [Fact]
    public async Task SecretariatAddsAndClosesAFollowUpThenLocksAndSeesTheFiguresAsReviewed()
    {
        var page = await browser.NewPageAsync(app: own.App);
        await BrowserFixture.GotoInteractiveAsync(page, "/tinjauan?tahun=2026&tw=2");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Rapat & Tindak Lanjut" }).ClickAsync();
        await page.Locator("[data-testid=action-add] input").Nth(0).FillAsync("Susun daftar pembeli potensial di Timur Tengah");
        await page.Locator("[data-testid=action-add] input").Nth(1).FillAsync("Direktorat Pengembangan Pasar");
        await page.ClickAsync("[data-testid=add-action]");
        await BrowserFixture.ScreenshotAsync(page, "tinjauan-tambah", fullPage: false);
        var row = page.Locator("[data-testid=action-row]", new() { HasText = "Susun daftar pembeli potensial" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "tinjauan-tindak-lanjut");

        await row.Locator("[data-testid=item-status]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Selesai" }).ClickAsync();
        // The list opens on what is still open, so a follow-up just done leaves it; the meeting's own list still has it.
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=filter-scope]");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Rapat triwulan ini" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Selesai");

        // 2026 Q3 is still open in the demo data: lock it after its review and see the frozen figures.
        await BrowserFixture.GotoInteractiveAsync(page, "/tinjauan?tahun=2026&tw=3&tab=2");
        await page.ClickAsync("[data-testid=lock-quarter]");
        await Assertions.Expect(page.Locator("[data-testid=as-reviewed]")).ToContainTextAsync("Sesuai rapat tinjauan");
        await Assertions.Expect(page.Locator("[data-testid=no-changes]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "tinjauan-terkunci");

        await BrowserFixture.GotoInteractiveAsync(page, "/?tahun=2026&tw=3");
        await Assertions.Expect(page.Locator("[data-testid=reviewed-banner]")).ToContainTextAsync("ditinjau");
        await BrowserFixture.ScreenshotAsync(page, "dasbor-sesuai-rapat", fullPage: false);
    }
}

using Microsoft.Playwright;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

/// <summary>
/// The bell in the top bar and the dashboard's "Yang menunggu Anda" at 1366×768, on the demo data: KP2MI's TW III 2026
/// report is submitted, so KP2MI's verifier is told, and the review's follow-ups past their due date reach the admin.
/// Read marks are written, so the class runs on its own app.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationBrowserTests(BrowserFixture browser, AppServerFixture own) : IClassFixture<AppServerFixture>
{
    private const string VerifierKp2mi = "verifikator.kp2mi@monev.go.id";

    private readonly AppServer _app = own.App;

    /// <summary>The menu fades in: the screenshot waits for it to be fully shown.</summary>
    private static Task PopoverShownAsync(IPage page) =>
        page.WaitForFunctionAsync("() => { const p = document.querySelector('.notify-popover'); return p && getComputedStyle(p).opacity === '1'; }");

    [Fact]
    public async Task AVerifierSeesTheSubmittedReportInTheBellAndOnTheDashboardAndClicksThroughToIt()
    {
        var page = await browser.NewPageAsync(signInAs: VerifierKp2mi, app: _app);
        await BrowserFixture.GotoInteractiveAsync(page, "/");

        var bell = page.Locator("[data-testid=notify-menu] button");
        await Assertions.Expect(page.Locator("[data-testid=notify-count]")).ToHaveTextAsync("1");
        await Assertions.Expect(bell).ToHaveAttributeAsync("aria-label", "Pemberitahuan: 1 belum dibaca");
        var panelItem = page.Locator("[data-testid=notify-panel] [data-testid=notify-item]");
        await Assertions.Expect(panelItem).ToHaveCountAsync(1);
        await Assertions.Expect(panelItem).ToContainTextAsync("Laporan KP2MI TW III 2026 menunggu verifikasi Anda");
        // The person who submitted it by name, not by the account's e-mail.
        await Assertions.Expect(panelItem).ToContainTextAsync("oleh Operator Ditjen Promosi KP2MI");
        await Assertions.Expect(panelItem).Not.ToContainTextAsync("@monev.go.id");
        await BrowserFixture.ScreenshotAsync(page, "notifikasi-dasbor-verifikator", fullPage: false);

        await bell.ClickAsync();
        var menuItem = page.Locator(".notify-popover [data-testid=notify-item][data-kind=ReportToVerify]");
        await Assertions.Expect(menuItem).ToBeVisibleAsync();
        await Assertions.Expect(menuItem).ToHaveAttributeAsync("data-read", "false");
        await PopoverShownAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "notifikasi-lonceng-verifikator", fullPage: false);

        await menuItem.Locator("a").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/entri?tahun=2026&tw=3&kementerian=Kp2mi", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-testid=submission-status]")).ToHaveAttributeAsync("data-status", "Submitted");
        await Assertions.Expect(page.Locator("[data-testid=verify-report]")).ToBeVisibleAsync();
        // Opened, so read: the count is gone and the bell says so.
        await Assertions.Expect(page.Locator("[data-testid=notify-count]")).ToHaveCountAsync(0);
        await Assertions.Expect(bell).ToHaveAttributeAsync("aria-label", "Pemberitahuan");

        // Still there after a fresh start, read.
        await BrowserFixture.GotoInteractiveAsync(page, "/");
        await Assertions.Expect(page.Locator("[data-testid=notify-panel] [data-testid=notify-item]")).ToHaveAttributeAsync("data-read", "true");
        await Assertions.Expect(page.Locator("[data-testid=notify-count]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task MarkingAllReadInTheBellClearsTheCountForGood()
    {
        var page = await browser.NewPageAsync(app: _app);
        await BrowserFixture.GotoInteractiveAsync(page, "/indikator");
        var count = page.Locator("[data-testid=notify-count]");
        await Assertions.Expect(count).ToBeVisibleAsync();
        var unread = int.Parse(await count.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(unread > 0);

        await page.Locator("[data-testid=notify-menu] button").ClickAsync();
        var items = page.Locator(".notify-popover [data-testid=notify-item][data-kind=FollowUpOverdue]");
        await Assertions.Expect(items.First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".notify-popover [data-testid=notify-item][data-read=false]")).ToHaveCountAsync(unread);
        await PopoverShownAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "notifikasi-lonceng-admin", fullPage: false);

        await page.Locator(".notify-popover [data-testid=notify-mark-all]").ClickAsync();
        await Assertions.Expect(count).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".notify-popover [data-testid=notify-item][data-read=false]")).ToHaveCountAsync(0);

        await BrowserFixture.GotoInteractiveAsync(page, "/");
        await Assertions.Expect(page.Locator("[data-testid=notify-panel] [data-testid=notify-item]").First).ToBeVisibleAsync();
        await Assertions.Expect(count).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "notifikasi-dasbor-admin", fullPage: false);
    }
}

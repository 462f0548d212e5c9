using Microsoft.Playwright;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

/// <summary>
/// A quarter reported end to end in the browser. It locks a quarter, so it runs against its own app rather than
/// the one the other browser tests share.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DataEntryWorkflowBrowserTests(BrowserFixture browser, AppServerFixture own) : IClassFixture<AppServerFixture>
{
    private const string Operator = "operator.kemendag@monev.go.id";
    private const string Verifier = "verifikator.kemendag@monev.go.id";
    private const string JawaTimurCell = "[data-code='P3-UMKM-FACILITATED'] input[data-cell='35||value']";

    private readonly AppServer _app = own.App;

    private async Task<IPage> OpenEntryAsync(string user)
    {
        var page = await browser.NewPageAsync(signInAs: user, app: _app);
        await BrowserFixture.GotoInteractiveAsync(page, "/entri?tahun=2026&tw=3&kementerian=Kemendag");
        await page.WaitForSelectorAsync("[data-testid=entry-status]");
        return page;
    }

    [Fact]
    public async Task OperatorSubmitsVerifierReturnsOperatorCorrectsVerifierVerifiesAdminLocks()
    {
        // Operator enters a figure (id-ID input), saves the draft, submits.
        var op = await OpenEntryAsync(Operator);
        await Assertions.Expect(op.Locator("[data-testid=submission-status]")).ToHaveAttributeAsync("data-status", "Draft");
        await op.Locator(JawaTimurCell).FillAsync("12.345");
        await op.Locator(JawaTimurCell).DispatchEventAsync("change");
        await Assertions.Expect(op.Locator("[data-testid=dirty-count]")).ToContainTextAsync("1 perubahan");
        await BrowserFixture.ScreenshotAsync(op, "entri-operator-typed", fullPage: false);
        await op.Locator(".entry-savebar input[type=checkbox]").CheckAsync();
        await op.ClickAsync("[data-testid=save-draft]");
        // Saved when nothing is left unsaved (the typed value shows before the save ends; submitting meanwhile is refused).
        await Assertions.Expect(op.Locator("[data-testid=dirty-count]")).ToHaveTextAsync("0 perubahan belum disimpan");
        await Assertions.Expect(op.Locator(JawaTimurCell)).ToHaveValueAsync("12.345");
        await BrowserFixture.ScreenshotAsync(op, "entri-operator-draft", fullPage: false);
        await op.ClickAsync("[data-testid=submit-report]");
        await Assertions.Expect(op.Locator("[data-testid=submission-status]")).ToHaveAttributeAsync("data-status", "Submitted");

        // Verifier returns it with a reason.
        var verifier = await OpenEntryAsync(Verifier);
        await Assertions.Expect(verifier.Locator(JawaTimurCell)).ToHaveAttributeAsync("readonly", "");
        await verifier.Locator("[data-testid=entry-status] input[type=text]").FillAsync("Angka Jawa Timur tidak sesuai laporan Dinas");
        await verifier.ClickAsync("[data-testid=return-report]");
        await Assertions.Expect(verifier.Locator("[data-testid=submission-status]")).ToHaveAttributeAsync("data-status", "Returned");
        await BrowserFixture.ScreenshotAsync(verifier, "entri-verifier-returned", fullPage: false);

        // Operator sees the reason, corrects with a reason of their own, resubmits.
        await BrowserFixture.GotoInteractiveAsync(op, "/entri?tahun=2026&tw=3&kementerian=Kemendag");
        await Assertions.Expect(op.Locator("[data-testid=return-notice]")).ToContainTextAsync("tidak sesuai laporan Dinas");
        await op.Locator(JawaTimurCell).FillAsync("123");
        await op.Locator(JawaTimurCell).DispatchEventAsync("change");
        await op.ClickAsync("[data-testid=save-draft]");
        await Assertions.Expect(op.Locator("[data-testid=entry-message]")).ToContainTextAsync("alasan");
        await op.Locator(".entry-savebar input[type=text]").FillAsync("Dikoreksi sesuai laporan Dinas Jawa Timur");
        await op.ClickAsync("[data-testid=save-draft]");
        await Assertions.Expect(op.Locator("[data-testid=dirty-count]")).ToHaveTextAsync("0 perubahan belum disimpan");
        await Assertions.Expect(op.Locator(JawaTimurCell)).ToHaveValueAsync("123");
        await op.ClickAsync("[data-testid=submit-report]");
        await Assertions.Expect(op.Locator("[data-testid=submission-status]")).ToHaveAttributeAsync("data-status", "Submitted");
        await BrowserFixture.ScreenshotAsync(op, "entri-operator-resubmitted", fullPage: false);

        // Verifier verifies.
        await BrowserFixture.GotoInteractiveAsync(verifier, "/entri?tahun=2026&tw=3&kementerian=Kemendag");
        await verifier.ClickAsync("[data-testid=verify-report]");
        await Assertions.Expect(verifier.Locator("[data-testid=submission-status]")).ToHaveAttributeAsync("data-status", "Verified");

        // Admin locks the quarter; the grid becomes read-only for the operator.
        var admin = await browser.NewPageAsync(app: _app);
        await BrowserFixture.GotoInteractiveAsync(admin, "/admin/periode");
        await admin.ClickAsync("[data-period='2026-3'] [data-testid=lock]");
        await Assertions.Expect(admin.Locator("[data-period='2026-3'] [data-testid=unlock]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(admin, "periode-locked");

        await BrowserFixture.GotoInteractiveAsync(op, "/entri?tahun=2026&tw=3&kementerian=Kemendag");
        await Assertions.Expect(op.Locator("[data-testid=locked-notice]")).ToBeVisibleAsync();
        await Assertions.Expect(op.Locator(JawaTimurCell)).ToHaveAttributeAsync("readonly", "");
        Assert.Equal(0, await op.Locator("[data-testid=save-draft]").CountAsync());
        Assert.Equal(0, await op.Locator("[data-testid=submit-report]").CountAsync());
        await BrowserFixture.ScreenshotAsync(op, "entri-locked", fullPage: false);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

/// <summary>
/// Admin changes a target and a status threshold; the catalogue reflects both at once and the audit trail shows
/// them as old → new. It changes shared settings, so it runs against its own app.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AdminAuditBrowserTests(BrowserFixture browser, AppServerFixture own) : IClassFixture<AppServerFixture>
{
    private const string Umkm = "P3-UMKM-FACILITATED";
    private readonly AppServer _app = own.App;

    private static double IdNumber(string text) =>
        double.Parse(NumberPart().Match(text).Value.Replace(".", "", StringComparison.Ordinal).Replace(',', '.'), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\d[\d.]*(,\d+)?")]
    private static partial Regex NumberPart();

    private static ILocator Row(IPage page, string code) => page.Locator($"[data-testid=indicator-row][data-code='{code}']");

    [Fact]
    public async Task AdminChangesATargetAndAThresholdAndTheCatalogueAndAuditTrailShowIt()
    {
        var page = await browser.NewPageAsync(app: _app);

        // The catalogue before: the quarter's realisation of UMKM facilitated (TW III 2026).
        await BrowserFixture.GotoInteractiveAsync(page, "/indikator");
        var realisation = IdNumber(await Row(page, Umkm).Locator("[data-testid=realisation]").InnerTextAsync());
        Assert.True(realisation > 0);

        // Targets: the quarter target becomes twice the realisation (50 % → Kritis). TW I and TW II 2026 are locked
        // after their reviews, so the annual target of 2026 (used by those reviews) is read-only, with the reason.
        await BrowserFixture.GotoInteractiveAsync(page, "/admin/target?tahun=2026");
        var annual = page.Locator($"td[data-cell='{Umkm}|0'][data-locked=true]");
        await Assertions.Expect(annual).ToHaveAttributeAsync("title", new Regex("^Target tahunan dibekukan karena Triwulan I 2026"));
        await Assertions.Expect(page.Locator($"input[data-cell='{Umkm}|0']")).ToHaveCountAsync(0);
        var quarter = page.Locator($"input[data-cell='{Umkm}|3']");
        var oldQuarter = await quarter.InputValueAsync();
        var newQuarter = (realisation * 2).ToString("#,##0", CultureInfo.GetCultureInfo("id-ID"));
        await quarter.FillAsync(newQuarter);
        await quarter.DispatchEventAsync("change");
        await Assertions.Expect(page.Locator("[data-testid=target-dirty]")).ToHaveTextAsync("1 perubahan belum disimpan");
        await BrowserFixture.ScreenshotAsync(page, "admin-target-edited", fullPage: false);
        await page.Locator(".entry-savebar input").FillAsync("Revisi target setelah rapat TW III");
        await page.ClickAsync("[data-testid=save-targets]");
        await Assertions.Expect(page.Locator("[data-testid=target-dirty]")).ToHaveTextAsync("0 perubahan belum disimpan");
        await Assertions.Expect(quarter).ToHaveValueAsync(newQuarter);
        await BrowserFixture.ScreenshotAsync(page, "admin-target");

        await BrowserFixture.GotoInteractiveAsync(page, "/indikator");
        await Assertions.Expect(Row(page, Umkm).Locator("td:nth-child(7)")).ToHaveTextAsync("50,0%");
        await Assertions.Expect(Row(page, Umkm).Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Critical");

        // Thresholds: amber from 40 % — the same 50 % turns amber at once.
        await BrowserFixture.GotoInteractiveAsync(page, "/admin/pengaturan");
        await page.Locator("input[data-testid=attention], [data-testid=attention] input").FillAsync("40");
        await Assertions.Expect(page.Locator("[data-testid=settings-preview]")).ToContainTextAsync("< 40%");
        await page.ClickAsync("[data-testid=save-settings]");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Ambang status disimpan");
        await BrowserFixture.ScreenshotAsync(page, "admin-pengaturan", fullPage: false);

        await BrowserFixture.GotoInteractiveAsync(page, "/indikator");
        await Assertions.Expect(Row(page, Umkm).Locator("[data-status]")).ToHaveAttributeAsync("data-status", "NeedsAttention");
        await BrowserFixture.ScreenshotAsync(page, "admin-katalog-after");

        // The audit trail shows both changes with old → new, who and why.
        await BrowserFixture.GotoInteractiveAsync(page, $"/audit?indikator={Umkm}&objek=Target");
        await Assertions.Expect(page.Locator("[data-testid=audit-total]")).ToHaveAttributeAsync("data-total", "1");
        var quarterRow = page.Locator(".audit-grid tbody tr", new() { HasText = "TW III 2026" });
        await Assertions.Expect(quarterRow.Locator("[data-testid=audit-change]")).ToHaveTextAsync($"Target: {oldQuarter} → {newQuarter}");
        await Assertions.Expect(quarterRow).ToContainTextAsync("admin@monev.go.id");
        await Assertions.Expect(quarterRow).ToContainTextAsync("Revisi target setelah rapat TW III");
        await Assertions.Expect(quarterRow.Locator("[data-testid=audit-key]")).ToHaveTextAsync($"{Umkm} · TW III 2026");
        await BrowserFixture.ScreenshotAsync(page, "audit-target");

        await BrowserFixture.GotoInteractiveAsync(page, "/audit?objek=Setting");
        await Assertions.Expect(page.Locator("[data-testid=audit-change]")).ToHaveTextAsync("Nilai: 60 → 40");
        await Assertions.Expect(page.Locator("[data-testid=audit-key]")).ToHaveTextAsync("Ambang Perlu perhatian (%)");

        // The unfiltered log, newest first, and its export of exactly what is shown.
        await BrowserFixture.GotoInteractiveAsync(page, "/audit");
        await Assertions.Expect(page.Locator("[data-testid=audit-action]").First).ToHaveAttributeAsync("data-action", "Update");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-audit] button"));
        Assert.StartsWith("Jejak-Audit-", download.SuggestedFilename, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "audit");
    }

    [Fact]
    public async Task IndicatorAdminRefusesRemovingABreakdownStoredFiguresUse()
    {
        var page = await browser.NewPageAsync(app: _app);
        await BrowserFixture.GotoInteractiveAsync(page, "/admin/indikator?kode=P2-INFO-REACH");
        var form = page.Locator("[data-testid=indicator-form][data-code='P2-INFO-REACH']");
        await Assertions.Expect(form).ToBeVisibleAsync();

        await form.Locator("input[data-dimension=Province], [data-dimension=Province] input").ClickAsync();
        await page.ClickAsync("[data-testid=save-indicator]");

        await Assertions.Expect(page.Locator("[data-testid=error-Disaggregations]")).ToContainTextAsync("Rincian provinsi tidak dapat dihapus");
        await BrowserFixture.ScreenshotAsync(page, "admin-indikator");
    }

    [Theory]
    [InlineData("/admin/target")]
    [InlineData("/admin/indikator")]
    [InlineData("/admin/pengaturan")]
    [InlineData("/audit")]
    public async Task AViewerOpeningAnAdminOrAuditPageSeesTheNoAccessPage(string path)
    {
        var page = await browser.NewPageAsync(signInAs: "viewer@monev.go.id", app: _app);

        await page.GotoAsync(path);

        await Assertions.Expect(page.Locator("[data-testid=no-access]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-testid=target-grid], [data-testid=audit-grid], [data-testid=indicator-admin-table], [data-testid=settings-form]").CountAsync());
        if (path == "/admin/target")
        {
            await BrowserFixture.ScreenshotAsync(page, "viewer-admin-target");
        }
    }
}

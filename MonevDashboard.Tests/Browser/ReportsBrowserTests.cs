using ClosedXML.Excel;
using Microsoft.Playwright;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ReportsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task ReportsPageDownloadsTheQuarterlyWorkbookAndItsPreviewTable()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/laporan?tahun=2026&tw=3");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Laporan Triwulanan");
        await Assertions.Expect(page.Locator("[data-testid=summary-row]")).ToHaveCountAsync(14);
        await Assertions.Expect(page.Locator("[data-testid=report-contents]")).ToContainTextAsync("TW III 2026");
        await BrowserFixture.ScreenshotAsync(page, "laporan");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=download-report] button").ClickAsync());
        Assert.Equal("Laporan-Monev-PKS-2026-TW3.xlsx", download.SuggestedFilename);
        using (var workbook = new XLWorkbook(File.OpenRead(await download.PathAsync())))
        {
            Assert.Equal(["Ringkasan", "Per Provinsi", "Per Negara", "Data", "Narasi", "Tindak Lanjut"], workbook.Worksheets.Select(w => w.Name));
            Assert.True(workbook.Worksheet("Data").RowsUsed().Count() > 100);
            Assert.Contains(workbook.Worksheet("Ringkasan").RowsUsed(), r => r.Cell(2).GetString() == "P3-REMITTANCE");
        }

        var preview = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export-summary] button").ClickAsync());
        Assert.Equal("Ringkasan-2026-TW3.xlsx", preview.SuggestedFilename);
        using (var workbook = new XLWorkbook(File.OpenRead(await preview.PathAsync())))
        {
            var sheet = Assert.Single(workbook.Worksheets);
            var table = Assert.Single(sheet.Tables);
            Assert.Equal(14, table.DataRange.RowCount());
            Assert.Equal("Realisasi TW III", table.HeadersRow().Cell(7).GetString());
        }
    }

    [Fact]
    public async Task ChoosingAnotherQuarterPutsItInTheAddressAndTheFileName()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/laporan?tahun=2026&tw=3");
        // The page has settled when the chosen quarter's contents are shown; the picker is used after that.
        await Assertions.Expect(page.Locator("[data-testid=report-contents]")).ToContainTextAsync("TW III 2026");
        var picker = page.Locator("[data-testid=report-quarter]");
        try
        {
            // Once in a loaded PostgreSQL pass the picker was not visible within 20 s; wait longer, and show what was.
            await Assertions.Expect(picker).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await picker.ClickAsync();
        }
        catch (Exception)
        {
            await BrowserFixture.TryScreenshotAsync(page, "failed-report-quarter");
            throw;
        }
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "TW II" }).First.ClickAsync();
        await page.WaitForURLAsync("**/laporan?tahun=2026&tw=2");
        await Assertions.Expect(page.Locator("[data-testid=report-contents]")).ToContainTextAsync("TW II 2026");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=download-report] button").ClickAsync());
        Assert.Equal("Laporan-Monev-PKS-2026-TW2.xlsx", download.SuggestedFilename);
    }

    [Fact]
    public async Task AYearOutsideTheReportingPeriodsIsExplainedAndCannotBeDownloaded()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/laporan?tahun=2040&tw=1");
        await Assertions.Expect(page.Locator("[data-testid=report-error]")).ToContainTextAsync("Tahun 2040 tidak termasuk periode pelaporan (2024–2029).");
        await Assertions.Expect(page.Locator("[data-testid=download-report] button")).ToBeDisabledAsync();
    }

    [Fact]
    public async Task IndicatorCatalogueExportsWhatItShows()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/indikator");
        await Assertions.Expect(page.Locator("[data-testid=indicator-row]")).ToHaveCountAsync(14);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export-catalog] button").ClickAsync());
        Assert.StartsWith("Katalog-Indikator-", download.SuggestedFilename, StringComparison.Ordinal);
        using var workbook = new XLWorkbook(File.OpenRead(await download.PathAsync()));
        var sheet = workbook.Worksheet("Katalog Indikator");
        var table = Assert.Single(sheet.Tables);
        Assert.Equal(14, table.DataRange.RowCount());
        var trained = table.DataRange.Rows().Single(r => r.Cell(2).GetString() == "P1-PMI-TRAINED");
        Assert.Equal(XLDataType.Number, trained.Cell(6).DataType);
        // The target the capaian used sits beside it, with its kind (issue #16).
        Assert.Equal(XLDataType.Number, trained.Cell(8).DataType);
        Assert.Equal($"Target TW {TimeProvider.System.CurrentReportingQuarter().Roman}", trained.Cell(9).GetString());
        Assert.Equal("Tercapai", trained.Cell(11).GetString());
        Assert.Equal("Katalog Indikator", sheet.Cell(1, 1).GetString());
    }
}

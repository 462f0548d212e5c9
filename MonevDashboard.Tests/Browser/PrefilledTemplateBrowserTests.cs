using ClosedXML.Excel;
using Microsoft.Playwright;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

/// <summary>The import page's pre-filled template (issue 17 item 3), downloaded at 1366×768 and uploaded back unchanged.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PrefilledTemplateBrowserTests(BrowserFixture browser) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("monev-prefilled-browser-").FullName;

    [Fact]
    public async Task AnAdminDownloadsKemendagsTemplateForTwIiiWithLastQuarterBesideItAndItImportsBackAsNoChange()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/impor");
        var panel = page.Locator("[data-testid=prefilled-template]");
        await Assertions.Expect(panel).ToContainTextAsync("Templat terisi");
        await Assertions.Expect(page.Locator("[data-testid=download-prefilled-template]")).ToHaveTextAsync("Unduh templat terisi");

        const string expected = "Template-Impor-Monev-Kemendag-2026-TW3.xlsx";
        async Task ChooseAsync()
        {
            await page.Locator("[data-testid=prefilled-ministry] select").SelectOptionAsync(new SelectOptionValue { Value = "Kemendag" });
            await page.Locator("[data-testid=prefilled-year] select").SelectOptionAsync(new SelectOptionValue { Value = "2026" });
            await page.Locator("[data-testid=prefilled-quarter] select").SelectOptionAsync(new SelectOptionValue { Label = "Triwulan III" });
        }
        // Another quarter first, so the choice of TW III is one the server must receive (the file name says it did).
        await page.Locator("[data-testid=prefilled-quarter] select").SelectOptionAsync(new SelectOptionValue { Label = "Triwulan I" });
        await Assertions.Expect(page.Locator("[data-testid=prefilled-file-name]")).ToContainTextAsync("TW1");
        await ChooseAsync();
        await Assertions.Expect(page.Locator("[data-testid=prefilled-file-name]")).ToHaveTextAsync(expected);
        await BrowserFixture.ScreenshotAsync(page, "impor-templat-terisi");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=download-prefilled-template]").ClickAsync());
        Assert.Equal(expected, download.SuggestedFilename);
        var path = Path.Combine(_folder, download.SuggestedFilename);
        await download.SaveAsAsync(path);

        int filled;
        using (var workbook = new XLWorkbook(path))
        {
            var data = workbook.Worksheet("Data");
            Assert.Equal("Referensi TW sebelumnya (tidak diimpor)", data.Cell(1, 12).GetString());
            Assert.Equal("Referensi: Nilai TW II 2026", data.Cell(2, 12).GetString());
            var rows = data.RowsUsed().Where(r => r.RowNumber() >= 3).ToList();
            Assert.Equal(76, rows.Count(r => r.Cell(1).GetString() == "P2-INFO-REACH"));
            Assert.DoesNotContain(rows, r => r.Cell(1).GetString() == "P1-PMI-TRAINED");
            // The demo has TW II 2026 figures: they stand in the reference column, as numbers.
            Assert.Contains(rows, r => r.Cell(1).GetString() == "P2-INFO-REACH" && r.Cell(12).DataType == XLDataType.Number && r.Cell(12).GetDouble() > 0);
            Assert.True(data.IsProtected);
            // This quarter's stored figures are written in the value columns (Nilai, or Pembilang and Penyebut).
            filled = rows.Count(r => !r.Cell(7).IsEmpty() || !r.Cell(8).IsEmpty() || !r.Cell(9).IsEmpty());
            Assert.True(filled > 0);
        }

        // Uploaded back as downloaded: every figure written in it is the stored one, the reference columns are not read.
        await page.Locator("input[type=file]").SetInputFilesAsync(path);
        await Assertions.Expect(page.Locator("[data-testid=import-message]")).ToContainTextAsync("Tidak ada perubahan");
        await Assertions.Expect(page.Locator("[data-testid=data-counts] [data-count=read]")).ToHaveTextAsync($"Dibaca: {filled}");
        await Assertions.Expect(page.Locator("[data-testid=import-preview]")).Not.ToContainTextAsync("Referensi");
        await BrowserFixture.ScreenshotAsync(page, "impor-templat-terisi-unggah");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

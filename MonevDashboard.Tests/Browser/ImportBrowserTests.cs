using System.Globalization;
using ClosedXML.Excel;
using Microsoft.Playwright;
using MonevDashboard.Tests.Features.ExcelImport;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ImportBrowserTests(BrowserFixture browser) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("monev-import-browser-").FullName;

    private const string Figure = "[data-code='P4-COORD-MEETINGS'] [data-testid=realisation]";

    private static async Task<double> MeetingsAsync(IPage page)
    {
        await BrowserFixture.GotoInteractiveAsync(page, "/indikator");
        var text = await page.Locator(Figure).InnerTextAsync();
        return double.Parse(text.Split(' ')[0], NumberStyles.Number, CultureInfo.GetCultureInfo("id-ID"));
    }

    [Fact]
    public async Task AnOfficialFillsInTheDownloadedTemplateImportsItSeesTheFigureChangeAndRollsItBack()
    {
        var page = await browser.NewPageAsync();
        var before = await MeetingsAsync(page);

        await BrowserFixture.GotoInteractiveAsync(page, "/impor");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Impor Excel");
        await BrowserFixture.ScreenshotAsync(page, "impor-halaman");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=download-template]").ClickAsync());
        Assert.Equal("Template-Impor-Monev.xlsx", download.SuggestedFilename);
        var templatePath = Path.Combine(_folder, download.SuggestedFilename);
        await download.SaveAsAsync(templatePath);

        // The official fills in the template: the meetings of TW III 2026 (one more than reported) and a new figure.
        var filledPath = Path.Combine(_folder, "rapat-tw3-2026.xlsx");
        using (var template = new XLWorkbook(templatePath))
        {
            var data = template.Worksheet("Data");
            data.Cell("A2").SetValue("P4-COORD-MEETINGS");
            data.Cell("B2").SetValue(2026);
            data.Cell("C2").SetValue("III");
            data.Cell("G2").SetValue((before + 1).ToString(CultureInfo.InvariantCulture));
            data.Cell("J2").SetValue("Notulen rapat koordinasi");
            data.Cell("A3").SetValue("P2-INFO-EVENTS");
            data.Cell("B3").SetValue(2026);
            data.Cell("C3").SetValue(3);
            data.Cell("D3").SetValue("Jawa Timur");
            data.Cell("G3").SetValue(4);
            template.SaveAs(filledPath);
        }

        await page.Locator("input[type=file]").SetInputFilesAsync(filledPath);
        var preview = page.Locator("[data-testid=import-preview]");
        await Assertions.Expect(preview).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=data-counts] [data-count=read]")).ToHaveTextAsync("Dibaca: 2");
        var meetingsChange = preview.Locator("tr", new() { HasText = "P4-COORD-MEETINGS" });
        await Assertions.Expect(meetingsChange.Locator("[data-testid=change-new]").Last).ToHaveTextAsync((before + 1).ToString("N0", CultureInfo.GetCultureInfo("id-ID")));
        // The joint meetings figure is in KP2MI's submitted report: the preview says so, and a reason is required.
        await Assertions.Expect(meetingsChange.First.Locator("[data-testid=change-state]")).ToHaveTextAsync("Disampaikan");
        await Assertions.Expect(page.Locator("[data-testid=import-workflow]")).ToContainTextAsync("KP2MI TW III 2026 (Disampaikan)");
        await Assertions.Expect(page.Locator("[data-testid=commit]")).ToBeDisabledAsync();
        await page.Locator("textarea[data-testid=import-reason], [data-testid=import-reason] textarea").First.FillAsync("Rapat tambahan belum tercatat");
        await Assertions.Expect(page.Locator("[data-testid=commit]")).ToBeEnabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "impor-pratinjau");

        await page.Locator("[data-testid=commit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=import-message]")).ToContainTextAsync("berhasil");
        await BrowserFixture.ScreenshotAsync(page, "impor-berhasil");

        Assert.Equal(before + 1, await MeetingsAsync(page));

        await BrowserFixture.GotoInteractiveAsync(page, "/impor/riwayat");
        var row = page.Locator("tr", new() { Has = page.Locator("td", new() { HasText = "rapat-tw3-2026.xlsx" }) });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "impor-riwayat");
        await page.Locator("textarea[data-testid=rollback-reason-input], [data-testid=rollback-reason-input] textarea").First.FillAsync("Impor keliru, dibatalkan");
        await row.Locator("[data-testid=rollback]").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Batalkan impor" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=rollback-message]")).ToContainTextAsync("dibatalkan");
        await Assertions.Expect(row.Locator("[data-testid=batch-status]")).ToContainTextAsync("Dibatalkan");
        await BrowserFixture.ScreenshotAsync(page, "impor-dibatalkan");

        Assert.Equal(before, await MeetingsAsync(page));
    }

    [Fact]
    public async Task ABrokenFileShowsItsMessagesCannotBeImportedAndComesBackAnnotated()
    {
        var page = await browser.NewPageAsync();
        var brokenPath = Path.Combine(_folder, "laporan-salah.xlsx");
        await File.WriteAllBytesAsync(brokenPath, ImportWorkbooks.Build(wb => ImportWorkbooks.Sheet(wb, "Data", ImportWorkbooks.DataHeader, [
            ImportWorkbooks.Row("P1-PMI-TRAINED", 2026, 3, "Atlantis", null, "L", 12),
            ImportWorkbooks.Row("P1-PMI-TRAINED", 2026, 3, "35", null, "P", "-7"),
            ImportWorkbooks.Row("P4-COORD-MEETINGS", 2026, "I", null, null, null, 3)], headerRow: 3)));

        await BrowserFixture.GotoInteractiveAsync(page, "/impor");
        await page.Locator("input[type=file]").SetInputFilesAsync(brokenPath);

        var errors = page.Locator("[data-testid=error-row]");
        await Assertions.Expect(errors).ToHaveCountAsync(3);
        await Assertions.Expect(errors.Nth(0)).ToHaveTextAsync("Kode provinsi \"Atlantis\" tidak dikenal.");
        await Assertions.Expect(errors.Nth(1)).ToHaveTextAsync("Nilai tidak boleh negatif (tertulis -7).");
        await Assertions.Expect(errors.Nth(2)).ToContainTextAsync("Triwulan I 2026");
        await Assertions.Expect(page.Locator("[data-testid=import-message]")).ToContainTextAsync("Berkas ditolak");
        await Assertions.Expect(page.Locator("[data-testid=commit]")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "impor-kesalahan");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=download-annotated]").ClickAsync());
        Assert.Equal("laporan-salah-kesalahan.xlsx", download.SuggestedFilename);
        var annotatedPath = Path.Combine(_folder, download.SuggestedFilename);
        await download.SaveAsAsync(annotatedPath);
        using var annotated = new XLWorkbook(annotatedPath);
        var data = annotated.Worksheet("Data");
        Assert.Contains("Atlantis", data.Cell("D4").Comment.Text, StringComparison.Ordinal);
        Assert.Contains("negatif", data.Cell("G5").Comment.Text, StringComparison.Ordinal);
        Assert.Contains("dikunci", data.Cell("C6").Comment.Text, StringComparison.Ordinal);
        Assert.Equal(3, annotated.Worksheet("Kesalahan").RowsUsed().Count() - 2);
    }

    /// <summary>
    /// Issue #16 item 10: the annotated copy of a refused file must never end the circuit, and every file the import
    /// reads gets one. A file whose own parts cannot be rewritten (its notes drawing is cut short) downloads a copy
    /// rebuilt from the rows read, with a message saying so and a reference; the page goes on: the next file, written
    /// as openpyxl writes, comes back annotated in place.
    /// </summary>
    [Fact]
    public async Task AFileWhoseCopyCannotBeWrittenInPlaceDownloadsARebuiltCopyAndThePageGoesOn()
    {
        var page = await browser.NewPageAsync();
        var brokenPath = Path.Combine(_folder, "catatan-rusak.xlsx");
        await File.WriteAllBytesAsync(brokenPath, CraftedWorkbooks.Write(CraftedWorkbooks.ExcelWithBrokenNotes));
        var pythonPath = Path.Combine(_folder, "dari-pandas.xlsx");
        await File.WriteAllBytesAsync(pythonPath, CraftedWorkbooks.Write(CraftedWorkbooks.Openpyxl));
        var message = page.Locator("[data-testid=import-message]");

        await BrowserFixture.GotoInteractiveAsync(page, "/impor");
        await page.Locator("input[type=file]").SetInputFilesAsync(brokenPath);
        await Assertions.Expect(message).ToContainTextAsync("Berkas ditolak");
        var errors = await page.Locator("[data-testid=error-row]").CountAsync();
        var rebuilt = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=download-annotated]").ClickAsync());
        Assert.Equal("catatan-rusak-kesalahan.xlsx", rebuilt.SuggestedFilename);
        var rebuiltPath = Path.Combine(_folder, "dibuat-ulang.xlsx");
        await rebuilt.SaveAsAsync(rebuiltPath);
        using (var copy = new XLWorkbook(rebuiltPath))
        {
            Assert.Contains("negatif", copy.Worksheet("Data").Cell("G4").Comment.Text, StringComparison.Ordinal);
        }
        await Assertions.Expect(message).ToContainTextAsync("dibuat ulang dari baris yang terbaca");
        await Assertions.Expect(message).ToContainTextAsync("Nomor rujukan");
        await Assertions.Expect(page.Locator("[data-testid=error-row]")).ToHaveCountAsync(errors);
        await BrowserFixture.ScreenshotAsync(page, "impor-salinan-dibuat-ulang");

        await page.Locator("input[type=file]").SetInputFilesAsync(pythonPath);
        await Assertions.Expect(message).ToContainTextAsync("Berkas ditolak");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=download-annotated]").ClickAsync());
        Assert.Equal("dari-pandas-kesalahan.xlsx", download.SuggestedFilename);
        var annotatedPath = Path.Combine(_folder, download.SuggestedFilename);
        await download.SaveAsAsync(annotatedPath);
        using var annotated = new XLWorkbook(annotatedPath);
        Assert.Contains("negatif", annotated.Worksheet("Data").Cell("G4").Comment.Text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

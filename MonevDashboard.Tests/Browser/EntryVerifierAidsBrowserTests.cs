using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.Periods;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

/// <summary>
/// The entry page as the verifier works with it (issue 16 item 11): a return reason that points at cells, seen by the
/// entering official on those cells, and the cells changed since the last verification marked with their value then.
/// It writes figures and moves the report, so it runs against its own app.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EntryVerifierAidsBrowserTests(BrowserFixture browser, AppServerFixture own)
    : EntryAidsBrowserTest(browser, own.App), IClassFixture<AppServerFixture>
{
    private static CellEdit Edit(EntrySheet sheet, string province, double value) =>
        new(new CellKey(Umkm, province, "", ""), value, null, null,
            sheet.Sections.Single(s => s.Code == Umkm).Cells.GetValueOrDefault(new CellKey(Umkm, province, "", ""))?.Version);

    [Fact]
    public async Task VerifierPointsTheReturnReasonAtCellsAndLaterSeesTheCellsChangedSinceTheLastVerification()
    {
        // The operator saves and submits two figures.
        var sheet = await AsAsync(Operator, s => s.GetSheetAsync(s_q3, Ministry.Kemendag));
        var saved = await AsAsync(Operator, s => s.SaveAsync(s_q3, Ministry.Kemendag, [Edit(sheet, "35", 120), Edit(sheet, "33", 80)], null));
        Assert.True(saved.Saved, string.Join("; ", saved.Errors.Select(e => e.Message)));
        await AsAsync(Operator, s => s.SubmitAsync(s_q3, Ministry.Kemendag));

        // The verifier ticks Jawa Timur, gives the reason and returns the report.
        var verifier = await OpenEntryAsync(Verifier);
        await Assertions.Expect(verifier.Locator("[data-testid=changed-since-verification]")).ToHaveCountAsync(0);
        await verifier.Locator($"{CellBox("35")} [data-testid=point-cell]").CheckAsync();
        await Assertions.Expect(verifier.Locator("[data-testid=pointed-count]")).ToHaveTextAsync("Alasan menunjuk 1 sel.");
        await Assertions.Expect(verifier.Locator(CellBox("35"))).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("entry-pointed"));
        await verifier.Locator("[data-testid=entry-status] input[type=text]").FillAsync("Angka Jawa Timur tidak sesuai laporan Dinas");
        await BrowserFixture.ScreenshotAsync(verifier, "entri-aids-verifier-pointing", fullPage: false);
        await verifier.ClickAsync("[data-testid=return-report]");
        await Assertions.Expect(verifier.Locator("[data-testid=submission-status]")).ToHaveAttributeAsync("data-status", "Returned");

        // The operator sees the reason on that cell, and only there, and in the list.
        var op = await OpenEntryAsync(Operator);
        var returned = op.Locator($"{CellBox("35")} [data-testid=cell-message]");
        await Assertions.Expect(returned).ToHaveAttributeAsync("data-kind", "Returned");
        await Assertions.Expect(returned).ToContainTextAsync("tidak sesuai laporan Dinas");
        await Assertions.Expect(op.Locator($"{CellBox("33")} [data-testid=cell-message]")).ToHaveCountAsync(0);
        await Assertions.Expect(op.Locator("[data-testid=entry-message-jump]")).ToHaveCountAsync(1);
        await Assertions.Expect(op.Locator("[data-testid=entry-messages]")).ToContainTextAsync("Jawa Timur");
        await op.Locator(Cell("35")).ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(op, "entri-aids-operator-returned-cell", fullPage: false);

        // Corrected, the cell no longer carries the reason; resubmitted and verified.
        sheet = await AsAsync(Operator, s => s.GetSheetAsync(s_q3, Ministry.Kemendag));
        saved = await AsAsync(Operator, s => s.SaveAsync(s_q3, Ministry.Kemendag, [Edit(sheet, "35", 125)], "Dikoreksi sesuai laporan Dinas"));
        Assert.True(saved.Saved);
        await BrowserFixture.GotoInteractiveAsync(op, EntryAddress);
        await Assertions.Expect(op.Locator(Cell("35"))).ToHaveValueAsync("125");
        await Assertions.Expect(op.Locator($"{CellBox("35")} [data-testid=cell-message]")).ToHaveCountAsync(0);
        await AsAsync(Operator, s => s.SubmitAsync(s_q3, Ministry.Kemendag));
        await AsAsync(Verifier, s => s.VerifyAsync(s_q3, Ministry.Kemendag));

        // After the verification the administrator changes Jawa Timur (reopening the report); the operator submits again.
        sheet = await AsAsync(BrowserFixture.DemoAdmin, s => s.GetSheetAsync(s_q3, Ministry.Kemendag));
        saved = await AsAsync(BrowserFixture.DemoAdmin, s => s.SaveAsync(s_q3, Ministry.Kemendag, [Edit(sheet, "35", 130)], "Koreksi data Dinas"));
        Assert.True(saved.Saved);
        await AsAsync(Operator, s => s.SubmitAsync(s_q3, Ministry.Kemendag));

        // The verifier sees that one cell marked, with its value at the verification.
        await BrowserFixture.GotoInteractiveAsync(verifier, EntryAddress);
        await Assertions.Expect(verifier.Locator("[data-testid=changed-since-verification]")).ToContainTextAsync("1 sel berubah sejak verifikasi terakhir");
        await Assertions.Expect(verifier.Locator(CellBox("35"))).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("entry-changed"));
        await Assertions.Expect(verifier.Locator($"{CellBox("35")} [data-testid=cell-changed]")).ToHaveTextAsync("Saat verifikasi: 125");
        await Assertions.Expect(verifier.Locator($"{CellBox("33")} [data-testid=cell-changed]")).ToHaveCountAsync(0);
        await Assertions.Expect(verifier.Locator("td.entry-changed")).ToHaveCountAsync(1);
        await verifier.Locator(Cell("35")).ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(verifier, "entri-aids-verifier-changed", fullPage: false);

        // The operator is not shown the verifier's marks.
        await BrowserFixture.GotoInteractiveAsync(op, EntryAddress);
        await Assertions.Expect(op.Locator(Cell("35"))).ToHaveValueAsync("130");
        await Assertions.Expect(op.Locator("td.entry-changed")).ToHaveCountAsync(0);
    }
}

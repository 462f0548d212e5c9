using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.Periods;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

/// <summary>
/// The entry page as the entering official works with it (issue 16 item 11): each cell's message beside it and a list
/// that jumps to each, a section index, the previous quarter beside each cell. Its own app, so no other test's
/// verification has made the sections read-only.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EntryOperatorAidsBrowserTests(BrowserFixture browser, AppServerFixture own)
    : EntryAidsBrowserTest(browser, own.App), IClassFixture<AppServerFixture>
{
    [Fact]
    public async Task OperatorSeesEachErrorBesideItsCellAListThatJumpsToItASectionIndexAndThePreviousQuarter()
    {
        var sheet = await AsAsync(Operator, s => s.GetSheetAsync(s_q3, Ministry.Kemendag));
        var umkm = sheet.Sections.Single(s => s.Code == Umkm);
        var last = sheet.Sections[^1];
        var page = await OpenEntryAsync(Operator);

        // The previous quarter stands beside each cell, under its own heading.
        await Assertions.Expect(page.Locator($"[data-code='{Umkm}'] th[data-testid=previous-quarter-head]").First).ToHaveTextAsync("TW II 2026");
        foreach (var province in new[] { "33", "35" })
        {
            var before = umkm.PreviousQuarter.TryGetValue(new CellKey(Umkm, province, "", ""), out var value) ? FigureFormatter.Number(value) : "–";
            await Assertions.Expect(page.Locator($"[data-code='{Umkm}'] td[data-testid=previous-quarter][data-cell='{province}|']")).ToHaveTextAsync(before);
        }
        Assert.Contains(umkm.PreviousQuarter.Values, v => v > 0);

        // The index lists every section and brings the last one into view.
        await Assertions.Expect(page.Locator("[data-testid=entry-index-link]")).ToHaveCountAsync(sheet.Sections.Count);
        await Assertions.Expect(page.Locator($"[data-testid=entry-panel][data-code='{last.Code}']")).Not.ToBeInViewportAsync();
        await page.Locator($"[data-testid=entry-index-link][data-code='{last.Code}']").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid=entry-panel][data-code='{last.Code}']")).ToBeInViewportAsync();

        // A refused value says why right below its cell, not only in a tooltip.
        // The farthest section the operator can still type in (a joint figure the other ministry had verified is read-only).
        var far = page.Locator("[data-testid=entry-section]").Filter(new LocatorFilterOptions { Has = page.Locator("input.entry-input:not([readonly])") }).Last;
        var farCode = await far.GetAttributeAsync("data-code");
        Assert.NotEqual(Umkm, farCode);
        var lastInput = far.Locator("input.entry-input:not([readonly])").First;
        await lastInput.FillAsync("12a");
        await lastInput.DispatchEventAsync("change");
        await page.Locator(Cell("35")).FillAsync("1,5");
        await page.Locator(Cell("35")).DispatchEventAsync("change");
        var message = page.Locator($"{CellBox("35")} [data-testid=cell-message]");
        await Assertions.Expect(message).ToBeVisibleAsync();
        await Assertions.Expect(message).ToHaveTextAsync("Nilai harus bilangan bulat karena satuannya UMKM dihitung utuh (tertulis 1,5).");
        await Assertions.Expect(page.Locator($"{CellBox("33")} [data-testid=cell-message]")).ToHaveCountAsync(0);

        // The list holds both, and each line takes the focus to its cell wherever it is.
        var jumps = page.Locator("[data-testid=entry-message-jump]");
        await Assertions.Expect(jumps).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=entry-messages]")).ToContainTextAsync("Jawa Timur");
        await Assertions.Expect(page.Locator("[data-testid=entry-messages]")).ToContainTextAsync("Bukan angka yang valid");
        await page.Locator("[data-testid=entry-messages]").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "entri-aids-operator-messages", fullPage: false);
        await Assertions.Expect(lastInput).Not.ToBeInViewportAsync();
        await jumps.Filter(new LocatorFilterOptions { HasText = farCode }).ClickAsync();
        await Assertions.Expect(lastInput).ToBeFocusedAsync();
        await Assertions.Expect(lastInput).ToBeInViewportAsync();
        await jumps.Filter(new LocatorFilterOptions { HasText = "Jawa Timur" }).ClickAsync();
        await Assertions.Expect(page.Locator(Cell("35"))).ToBeFocusedAsync();
        await BrowserFixture.ScreenshotAsync(page, "entri-aids-operator-jumped", fullPage: false);

        // Fixed, the message and its line go.
        await page.Locator(Cell("35")).FillAsync(IndonesianNumber.ToInput(umkm.Cells[new CellKey(Umkm, "35", "", "")].Value));
        await page.Locator(Cell("35")).DispatchEventAsync("change");
        await Assertions.Expect(message).ToHaveCountAsync(0);
        await Assertions.Expect(jumps).ToHaveCountAsync(1);
    }
}

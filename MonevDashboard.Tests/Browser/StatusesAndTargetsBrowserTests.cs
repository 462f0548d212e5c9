using Microsoft.Playwright;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

/// <summary>
/// Issue #16 in the browser, on the shared demo app (read only): statuses never contradict each other — a report's
/// state on the progress strip and the cards, a quarter's lock on the lock tab, the overdue flag on the dashboard,
/// the entry page and the review — and the catalogue names the target each capaian was measured against.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StatusesAndTargetsBrowserTests(BrowserFixture browser)
{
    private static readonly YearQuarter s_open = new(2026, 3);

    /// <summary>Kemendag's TW III 2026 report is a draft in the demo data; the app runs on the machine's clock.</summary>
    private static ReportState KemendagLatest()
    {
        var state = ReportState.Of(s_open, SubmissionStatus.Draft, TimeProvider.System.TodayInWib());
        Assert.True(state.IsOverdue, $"the machine's date ({TimeProvider.System.TodayInWib()}) is before the TW III 2026 deadline");
        return state;
    }

    private static async Task ExpectOverdueAsync(ILocator scope, ReportState state)
    {
        var flag = scope.Locator("[data-testid=report-overdue]");
        await Assertions.Expect(flag).ToHaveCountAsync(1);
        await Assertions.Expect(flag).ToHaveAttributeAsync("data-days", state.DaysOverdue!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(flag).ToHaveTextAsync($"Terlambat {FigureFormatter.Number(state.DaysOverdue)} hari");
    }

    [Fact]
    public async Task AVerifiedQuartersReportsReadVerifiedOnTheProgressStripAsOnEveryCard()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/?tahun=2025&tw=3");
        var ministries = page.Locator("[data-testid=ministry-progress]");
        await Assertions.Expect(ministries).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=kpi-card]").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "status-tw3-2025", fullPage: false);

        var cardStatuses = await page.Locator("[data-testid=kpi-card] [data-testid=report-status]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.status)");
        Assert.NotEmpty(cardStatuses);
        Assert.All(cardStatuses, s => Assert.Equal("Verified", s));
        var stripStatuses = await ministries.Locator("[data-testid=report-status]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.status)");
        Assert.Equal(["Verified", "Verified"], stripStatuses);
        // Before the PKS nothing was due, so nothing is late either.
        await Assertions.Expect(page.Locator("[data-testid=report-overdue]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheLockTabOfALockedQuarterNeverSaysItIsNotLocked()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/tinjauan?tahun=2026&tw=2&tab=2");
        await Assertions.Expect(page.Locator("[data-testid=quarter-locked]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "status-lock-tab-tw2-2026", fullPage: false);

        var panel = await page.Locator(".mud-tabs-panels").InnerTextAsync();
        Assert.Contains("Terkunci", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("belum dikunci", panel, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("[data-testid=lock-quarter]")).ToHaveCountAsync(0);

        // The open quarter says so, with the lock button and no "Terkunci" chip.
        await BrowserFixture.GotoInteractiveAsync(page, "/tinjauan?tahun=2026&tw=3&tab=2");
        await Assertions.Expect(page.Locator("[data-testid=lock-quarter]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=quarter-locked]")).ToHaveCountAsync(0);
        Assert.Contains("belum dikunci", await page.Locator(".mud-tabs-panels").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReportPastItsDeadlineShowsItsOverdueFlagOnTheDashboardTheEntryPageAndTheReview()
    {
        var state = KemendagLatest();
        var page = await browser.NewPageAsync();

        await BrowserFixture.GotoInteractiveAsync(page, "/?tahun=2026&tw=3");
        var kemendag = page.Locator("[data-testid=ministry-progress][data-ministry=Kemendag]");
        await ExpectOverdueAsync(kemendag, state);
        // KP2MI's report went in before the deadline: no flag.
        await Assertions.Expect(page.Locator("[data-testid=ministry-progress][data-ministry=Kp2mi] [data-testid=report-overdue]")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "status-overdue-dashboard", fullPage: false);

        await BrowserFixture.GotoInteractiveAsync(page, "/entri?tahun=2026&tw=3&kementerian=Kemendag");
        await ExpectOverdueAsync(page.Locator("[data-testid=entry-status]"), state);
        await BrowserFixture.ScreenshotAsync(page, "status-overdue-entry", fullPage: false);

        await BrowserFixture.GotoInteractiveAsync(page, "/tinjauan?tahun=2026&tw=3");
        await ExpectOverdueAsync(page.Locator("[data-testid=ministry-progress][data-ministry=Kemendag]"), state);
        await Assertions.Expect(page.Locator("[data-testid=ministry-progress][data-ministry=Kp2mi] [data-testid=report-overdue]")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "status-overdue-review", fullPage: false);
    }

    [Fact]
    public async Task TheCatalogueShowsTheTargetEachCapaianWasMeasuredAgainst()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/indikator");
        await Assertions.Expect(page.Locator("[data-testid=indicator-row]")).ToHaveCountAsync(14);
        var quarter = TimeProvider.System.CurrentReportingQuarter();
        await BrowserFixture.ScreenshotAsync(page, "catalogue-target-used");

        // A count with quarter targets is measured against its quarter's target; a share against the annual one.
        var trained = page.Locator("[data-code='P1-PMI-TRAINED']");
        await Assertions.Expect(trained.Locator("[data-testid=target-kind]")).ToHaveTextAsync($"Target TW {quarter.Roman}");
        var share = page.Locator("[data-testid=indicator-row]", new() { Has = page.Locator("[data-testid=target-kind][data-kind=Annual]") });
        Assert.True(await share.CountAsync() > 0);
        await Assertions.Expect(share.First.Locator("[data-testid=target-kind]")).ToHaveTextAsync("Target tahunan");
        // Every row with a capaian names its target beside it.
        foreach (var row in await page.Locator("[data-testid=indicator-row]").AllAsync())
        {
            var cells = row.Locator("td");
            var capaian = (await cells.Nth(6).InnerTextAsync()).Trim();
            if (capaian != "–")
            {
                Assert.Matches(@"^Target (TW [IV]+|tahunan)$", (await row.Locator("[data-testid=target-kind]").InnerTextAsync()).Trim());
                Assert.NotEqual("–", (await row.Locator("[data-testid=target-used]").InnerTextAsync()).Trim());
            }
        }
    }
}

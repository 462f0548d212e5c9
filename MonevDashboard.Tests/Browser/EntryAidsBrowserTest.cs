using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.Periods;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

/// <summary>What the entry-aid browser tests share: Kemendag's TW III 2026 entry page on the class's own app, the UMKM
/// indicator's cells, and the entry service as a given user.</summary>
public abstract class EntryAidsBrowserTest(BrowserFixture browser, AppServer app)
{
    protected const string Operator = "operator.kemendag@monev.go.id";
    protected const string Verifier = "verifikator.kemendag@monev.go.id";
    protected const string Umkm = "P3-UMKM-FACILITATED";
    protected const string EntryAddress = "/entri?tahun=2026&tw=3&kementerian=Kemendag";
    protected static readonly YearQuarter s_q3 = new(2026, 3);

    protected static string Cell(string province) => $"[data-code='{Umkm}'] input[data-cell='{province}||value']";

    protected static string CellBox(string province) => $"[data-code='{Umkm}'] td:has(> input[data-cell='{province}||value'])";

    protected async Task<IPage> OpenEntryAsync(string user)
    {
        var page = await browser.NewPageAsync(signInAs: user, app: app);
        await BrowserFixture.GotoInteractiveAsync(page, EntryAddress);
        await page.WaitForSelectorAsync("[data-testid=entry-status]");
        return page;
    }

    protected async Task<T> AsAsync<T>(string user, Func<DataEntryService, Task<T>> action)
    {
        await using var scope = await app.ScopeAsAsync(user);
        return await action(scope.ServiceProvider.GetRequiredService<DataEntryService>());
    }

    protected Task AsAsync(string user, Func<DataEntryService, Task> action) => AsAsync(user, async s => { await action(s); return true; });
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.Periods;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

/// <summary>
/// The review meeting as the room sees it: slides that fit a 1366×768 projector, a meeting pack that prints cleanly,
/// and the figures as they were at the review. The last test locks and corrects a quarter, so the class has its own app.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewMeetingBrowserTests(BrowserFixture browser, AppServerFixture own) : IClassFixture<AppServerFixture>
{
    /// <summary>Every deck of the demo data: the reviewed quarters of the programme and the quarter being reported.</summary>
    public static TheoryData<int, int> Decks => new() { { 2025, 4 }, { 2026, 1 }, { 2026, 2 }, { 2026, 3 } };

    [Theory]
    [MemberData(nameof(Decks))]
    public async Task EverySlideFitsA1366x768ProjectorWithNothingUnderTheControlBar(int year, int quarter)
    {
        var page = await browser.NewPageAsync(width: 1366, height: 768, app: own.App);
        await BrowserFixture.GotoInteractiveAsync(page, $"/tinjauan/presentasi?tahun={year}&tw={quarter}");
        var counter = page.Locator("[data-testid=slide-counter]");
        var count = int.Parse((await counter.InnerTextAsync()).Split('/')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var problems = new List<string>();
        for (var slide = 1; slide <= count; slide++)
        {
            await Assertions.Expect(counter).ToHaveTextAsync($"{slide} / {count}");
            // Charts draw after the first render; let them settle before measuring.
            await page.WaitForTimeoutAsync(300);
            await BrowserFixture.ScreenshotAsync(page, $"rapat-{year}-tw{quarter}-slide{slide}", fullPage: false);
            var fit = await page.EvaluateAsync<string[]>("""
                () => {
                  const out = [];
                  const doc = document.documentElement;
                  if (doc.scrollHeight > window.innerHeight) out.push(`page scrolls: ${doc.scrollHeight} > ${window.innerHeight}`);
                  if (doc.scrollWidth > window.innerWidth) out.push(`page scrolls sideways: ${doc.scrollWidth} > ${window.innerWidth}`);
                  const slide = document.querySelector('[data-testid=slide]');
                  if (slide.scrollHeight > slide.clientHeight + 1) out.push(`slide scrolls: ${slide.scrollHeight} > ${slide.clientHeight}`);
                  const bar = document.querySelector('.presentation-bar').getBoundingClientRect();
                  for (const el of slide.querySelectorAll('*')) {
                    const r = el.getBoundingClientRect();
                    if (r.width === 0 || r.height === 0) continue;
                    if (r.bottom > bar.top + 0.5 || r.right > window.innerWidth + 0.5) {
                      out.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.textContent || '').trim().slice(0, 40)}" ends at ${Math.round(r.bottom)}×${Math.round(r.right)}, bar at ${Math.round(bar.top)}`);
                      if (out.length > 5) break;
                    }
                  }
                  return out;
                }
                """);
            problems.AddRange(fit.Select(p => $"slide {slide}: {p}"));
            await page.Keyboard.PressAsync("ArrowRight");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task PresentationShowsNoPreparationNotes()
    {
        var page = await browser.NewPageAsync(width: 1366, height: 768, app: own.App);
        await BrowserFixture.GotoInteractiveAsync(page, "/tinjauan/presentasi?tahun=2026&tw=3");
        var counter = page.Locator("[data-testid=slide-counter]");
        var count = int.Parse((await counter.InnerTextAsync()).Split('/')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        for (var slide = 1; slide <= count; slide++)
        {
            await Assertions.Expect(counter).ToHaveTextAsync($"{slide} / {count}");
            var text = await page.Locator("[data-testid=slide]").InnerTextAsync();
            Assert.DoesNotContain("belum memiliki narasi", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Lengkapi sebelum rapat", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Narasi belum ada", text, StringComparison.OrdinalIgnoreCase);
            await page.Keyboard.PressAsync("ArrowRight");
        }
        // The review page still tells the secretariat what to complete.
        await BrowserFixture.GotoInteractiveAsync(page, "/tinjauan?tahun=2026&tw=3");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Narasi belum ada");
    }

    [Fact]
    public async Task MeetingPackPrintsEveryHeadingOnce()
    {
        var page = await browser.NewPageAsync(app: own.App);
        await BrowserFixture.GotoInteractiveAsync(page, "/tinjauan/paket?tahun=2026&tw=2");
        await page.WaitForSelectorAsync("[data-testid=pack-actions]");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var headings = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('h1, h2, h3, h4')]
              .filter(h => h.getClientRects().length > 0 && getComputedStyle(h).display !== 'none')
              .map(h => h.innerText.trim())
            """);
        Assert.Single(headings, h => h == "Tindak Lanjut");
        var repeated = headings.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}").ToList();
        Assert.True(repeated.Count == 0, "repeated headings: " + string.Join(", ", repeated));
        await page.PdfAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "paket-rapat.pdf"), Format = "A4" });
    }

    [Fact]
    public async Task FollowUpsTabOpensOnTheOpenFollowUpsOfEveryMeeting()
    {
        var page = await browser.NewPageAsync(app: own.App);
        await BrowserFixture.GotoInteractiveAsync(page, "/tinjauan?tahun=2026&tw=3&tab=1");
        var rows = page.Locator("[data-testid=action-row]");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-testid=actions-empty]").CountAsync());
        foreach (var row in await rows.AllAsync())
        {
            Assert.DoesNotContain("Selesai", await row.Locator("td").Nth(3).InnerTextAsync(), StringComparison.Ordinal);
        }
        await BrowserFixture.ScreenshotAsync(page, "tinjauan-tindak-lanjut-terbuka", fullPage: false);
    }

    [Fact]
    public async Task SlidesAndPackShowTheFiguresAsReviewedAndCurrentModeMarksWhatChanged()
    {
        var q3 = new YearQuarter(2026, 3);
        const string code = "P3-UMKM-FACILITATED";
        double before, after;
        await using (var scope = await own.App.ScopeAsAsync(BrowserFixture.DemoAdmin))
        {
            await scope.ServiceProvider.GetRequiredService<PeriodService>().LockAsync(q3);
            await scope.ServiceProvider.GetRequiredService<PeriodService>().UnlockAsync(q3, "Koreksi data Jawa Timur");
            var entry = scope.ServiceProvider.GetRequiredService<DataEntryService>();
            var sheet = await entry.GetSheetAsync(q3, Ministry.Kemendag);
            var section = sheet.Sections.Single(s => s.Code == code);
            var jatim = section.Cells[new CellKey(code, "35", "", "")];
            var figures = scope.ServiceProvider.GetRequiredService<MonevDashboard.Figures.FigureQueryService>();
            before = (await figures.GetIndicatorFiguresAsync(new MonevDashboard.Figures.FigureFilter(2026, 3))).Single(f => f.Code == code).QuarterValue!.Value;
            var result = await entry.SaveAsync(q3, Ministry.Kemendag,
                [new CellEdit(jatim.Key, jatim.Value + 250_000, null, null, jatim.Version)], "Koreksi");
            Assert.True(result.Saved);
            after = before + 250_000;
        }
        var beforeText = before.ToString("N0", new System.Globalization.CultureInfo("id-ID"));
        var afterText = after.ToString("N0", new System.Globalization.CultureInfo("id-ID"));

        // The pack defaults to the figures the meeting saw.
        var page = await browser.NewPageAsync(app: own.App);
        await BrowserFixture.GotoInteractiveAsync(page, "/tinjauan/paket?tahun=2026&tw=3");
        var packRow = page.Locator("[data-testid=pack-row][data-code=" + code + "]");
        await Assertions.Expect(packRow).ToContainTextAsync(beforeText);
        await Assertions.Expect(packRow).Not.ToContainTextAsync(afterText);
        await page.ClickAsync("[data-testid=view-current]");
        await Assertions.Expect(packRow).ToContainTextAsync(afterText);
        await Assertions.Expect(packRow.Locator("[data-testid=figure-before]")).ToContainTextAsync($"sebelumnya {beforeText}");
        Assert.Contains("versi=terkini", page.Url, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "paket-terkini");

        // The slides too: the card of the changed indicator shows the frozen value, then the current one marked.
        await BrowserFixture.GotoInteractiveAsync(page, "/tinjauan/presentasi?tahun=2026&tw=3");
        await Assertions.Expect(page.Locator("[data-testid=view-reviewed][aria-pressed=true]")).ToBeVisibleAsync();
        // Walk to the pillar slide that holds the indicator, one rendered slide at a time.
        var counter = page.Locator("[data-testid=slide-counter]");
        for (var slide = 1; ; slide++)
        {
            await Assertions.Expect(counter).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{slide} / "));
            if (await page.Locator($"[data-testid=kpi-card][data-code={code}]").CountAsync() > 0)
            {
                break;
            }
            Assert.True(slide < 10, $"no slide shows {code}");
            await page.Keyboard.PressAsync("ArrowRight");
        }
        var card = page.Locator($"[data-testid=kpi-card][data-code={code}]");
        await Assertions.Expect(card.Locator("[data-testid=kpi-before]")).ToHaveCountAsync(0);
        var frozenValue = await card.Locator("[data-testid=kpi-value]").InnerTextAsync();
        await BrowserFixture.ScreenshotAsync(page, "rapat-sesuai-rapat", fullPage: false);
        await page.ClickAsync("[data-testid=view-current]");
        await Assertions.Expect(card.Locator("[data-testid=kpi-before]")).ToContainTextAsync($"saat rapat");
        await Assertions.Expect(card.Locator("[data-testid=kpi-before]")).ToContainTextAsync(frozenValue);
        Assert.NotEqual(frozenValue, await card.Locator("[data-testid=kpi-value]").InnerTextAsync());
        await BrowserFixture.ScreenshotAsync(page, "rapat-terkini", fullPage: false);

        // The dashboard defaults to the current figures, and offers the frozen ones.
        await BrowserFixture.GotoInteractiveAsync(page, "/?tahun=2026&tw=3");
        await Assertions.Expect(page.Locator($"[data-testid=kpi-card][data-code={code}] [data-testid=kpi-before]")).ToContainTextAsync("saat rapat");
        await page.ClickAsync("[data-testid=view-reviewed]");
        await Assertions.Expect(page.Locator($"[data-testid=kpi-card][data-code={code}] [data-testid=kpi-value]")).ToHaveTextAsync(frozenValue);
        Assert.Contains("versi=rapat", page.Url, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "dasbor-versi-rapat", fullPage: false);
    }
}

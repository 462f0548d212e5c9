using System.Globalization;
using System.Text.RegularExpressions;
using MonevDashboard.Data;
using Microsoft.Playwright;
using MonevDashboard.Components.Localization;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed partial class DashboardBrowserTests(BrowserFixture browser)
{
    private const string Trained = "P1-PMI-TRAINED";

    private static ILocator CardValue(IPage page, string code) =>
        page.Locator($"[data-testid=kpi-card][data-code='{code}'] [data-testid=kpi-value]");

    /// <summary>The indicator's figure straight from the app's database: Σ value over the quarter's cells.</summary>
    private async Task<double> SqlSumAsync(string code, int year, int quarter, string? province = null, string? country = null, string? sex = null)
    {
        var database = browser.App.Database;
        await using var connection = DatabaseDialect.Of(database).CreateConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT SUM(o."Value") FROM "Observations" o JOIN "Indicators" i ON i."Id" = o."IndicatorId"
            WHERE i."Code" = @code AND o."Year" = @year AND o."Quarter" = @quarter AND (@province IS NULL OR o."ProvinceCode" = @province)
              AND (@country IS NULL OR o."CountryCode" = @country) AND (@sex IS NULL OR o."Sex" = @sex)
            """;
        DatabaseDialect.AddParameter(command, "@code", code, System.Data.DbType.String);
        DatabaseDialect.AddParameter(command, "@year", year, System.Data.DbType.Int32);
        DatabaseDialect.AddParameter(command, "@quarter", quarter, System.Data.DbType.Int32);
        DatabaseDialect.AddParameter(command, "@province", province, System.Data.DbType.String);
        DatabaseDialect.AddParameter(command, "@country", country, System.Data.DbType.String);
        DatabaseDialect.AddParameter(command, "@sex", sex, System.Data.DbType.String);
        return Convert.ToDouble(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ChooseAsync(IPage page, string selectClass, string option)
    {
        await page.Locator($".{selectClass} select").SelectOptionAsync(new SelectOptionValue { Label = option });
    }

    [Fact]
    public async Task AnOpenDashboardSaysWhenFiguresChangedAndReloadsThemOnClick()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/?tahun=2026&tw=3");
        var before = FigureFormatter.Compact(await SqlSumAsync(Trained, 2026, 3), "orang");
        await Assertions.Expect(CardValue(page, Trained)).ToHaveTextAsync(before);
        await Assertions.Expect(page.GetByTestId("data-updated")).ToHaveCountAsync(0);

        // Another official's correction lands (any write through the app's data layer; here a context of the app's
        // own database, as a second instance or the command line would write).
        await ChangeFirstTrainedFigureAsync(+1000);
        try
        {
            var notice = page.GetByTestId("data-updated");
            await Assertions.Expect(notice).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(notice).ToContainTextAsync("Data diperbarui");
            // The view on screen stays as it was until the official asks for the new one.
            await Assertions.Expect(CardValue(page, Trained)).ToHaveTextAsync(before);
            await BrowserFixture.ScreenshotAsync(page, "dasbor-data-diperbarui-1366", fullPage: false);

            await page.GetByTestId("data-updated-refresh").ClickAsync();
            var after = FigureFormatter.Compact(await SqlSumAsync(Trained, 2026, 3), "orang");
            Assert.NotEqual(before, after);
            await Assertions.Expect(CardValue(page, Trained)).ToHaveTextAsync(after);
            await Assertions.Expect(page.GetByTestId("data-updated")).ToHaveCountAsync(0);
        }
        finally
        {
            await ChangeFirstTrainedFigureAsync(-1000);
        }
    }

    private async Task ChangeFirstTrainedFigureAsync(double delta)
    {
        await using var db = browser.App.Database.CreateContext();
        var figure = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.Observations.Where(o => o.Year == 2026 && o.Quarter == 3 && db.Indicators.Any(i => i.Id == o.IndicatorId && i.Code == Trained))
                .OrderBy(o => o.Id));
        figure.Value += delta;
        figure.Version++;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task FiltersLiveInTheAddressAndTheFiguresFollowThemIntoTheIndicatorPage()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/");

        // The current reporting quarter, TW III 2026, with the figure the database holds.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dasbor Monev PKS");
        await Assertions.Expect(page.GetByTestId("dashboard-period")).ToHaveTextAsync("Realisasi TW III 2026");
        var current = FigureFormatter.Compact(await SqlSumAsync(Trained, 2026, 3), "orang");
        await Assertions.Expect(CardValue(page, Trained)).ToHaveTextAsync(current);
        Assert.Equal(14, await page.GetByTestId("kpi-card").CountAsync());

        // Another year (same quarter): the address and the figures change.
        await ChooseAsync(page, "filter-year", "2025");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"\?tahun=2025&tw=3$"));
        var year2025 = FigureFormatter.Compact(await SqlSumAsync(Trained, 2025, 3), "orang");
        Assert.NotEqual(current, year2025);
        await Assertions.Expect(CardValue(page, Trained)).ToHaveTextAsync(year2025);

        // A province: narrower figures, no national target.
        await ChooseAsync(page, "filter-province", "Jawa Timur");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"\?tahun=2025&tw=3&provinsi=35$"));
        var jatim = FigureFormatter.Compact(await SqlSumAsync(Trained, 2025, 3, "35"), "orang");
        await Assertions.Expect(CardValue(page, Trained)).ToHaveTextAsync(jatim);
        await Assertions.Expect(page.Locator($"[data-testid=kpi-card][data-code='{Trained}']")).ToHaveAttributeAsync("data-status", "NoTarget");
        await Assertions.Expect(page.GetByTestId("dashboard-period")).ToHaveTextAsync("Realisasi TW III 2025 · Jawa Timur");
        await BrowserFixture.ScreenshotAsync(page, "dasbor-filter-jatim-1366");

        // The shared address gives the same view to someone else.
        var shared = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(shared, page.Url);
        await Assertions.Expect(CardValue(shared, Trained)).ToHaveTextAsync(jatim);
        await Assertions.Expect(shared.GetByTestId("dashboard-period")).ToHaveTextAsync("Realisasi TW III 2025 · Jawa Timur");
        Assert.Equal(
            await page.GetByTestId("kpi-value").AllInnerTextsAsync(),
            await shared.GetByTestId("kpi-value").AllInnerTextsAsync());

        // A card opens its indicator with the same filters.
        await page.Locator($"[data-testid=kpi-card][data-code='{Trained}']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/indikator/P1-PMI-TRAINED\?tahun=2025&tw=3&provinsi=35$"));
        await Assertions.Expect(page.GetByTestId("indicator-title")).ToHaveTextAsync("Calon PMI/PMI yang dilatih (ekspor, kewirausahaan, vokasi)");
        await Assertions.Expect(page.GetByTestId("indicator-view")).ToHaveTextAsync("Realisasi TW III 2025 · Jawa Timur");
        await Assertions.Expect(CardValue(page, Trained)).ToHaveTextAsync(jatim);
        // Jawa Timur split by sex; the total row is the same figure.
        await Assertions.Expect(page.GetByTestId("breakdown-total-quarter").First)
            .ToHaveTextAsync(FigureFormatter.Format(await SqlSumAsync(Trained, 2025, 3, "35"), "orang"));
        await Assertions.Expect(page.GetByTestId("back-to-dashboard")).ToHaveAttributeAsync("href", "/?tahun=2025&tw=3&provinsi=35");
    }

    [Fact]
    public async Task ChartsOpenTheirIndicatorAndTheIndicatorPageShowsItsParts()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/?tahun=2026&tw=3&indikator=P3-REMITTANCE");
        await Assertions.Expect(page.Locator("[data-testid=panel-trend] .chart-subtitle")).ToContainTextAsync("Remitansi PMI");
        await Assertions.Expect(page.Locator("[data-testid=panel-country] .chart-subtitle")).ToContainTextAsync("Remitansi PMI");
        await Assertions.Expect(page.Locator("[data-testid=panel-country] [data-testid=chart-notice]")).ToHaveCountAsync(0);
        // Province and sex charts show an indicator broken down that way, and say that it is another one.
        await Assertions.Expect(page.Locator("[data-testid=panel-province] .chart-subtitle")).ToContainTextAsync("Calon PMI/PMI yang dilatih");
        await Assertions.Expect(page.Locator("[data-testid=panel-province] [data-testid=chart-notice]"))
            .ToHaveTextAsync("Indikator P3-REMITTANCE tidak dipilah per provinsi; menampilkan P1-PMI-TRAINED · Calon PMI/PMI yang dilatih (ekspor, kewirausahaan, vokasi).");
        await Assertions.Expect(page.Locator("[data-testid=panel-sex] [data-testid=chart-notice]"))
            .ToContainTextAsync("Indikator P3-REMITTANCE tidak dipilah per jenis kelamin; menampilkan P1-PMI-TRAINED");

        // Clicking a bar opens the indicator the chart shows, narrowed to the bar's province, with the other filters.
        var province = await page.Locator("[data-testid=panel-province] [data-testid=breakdown-row]").First.GetAttributeAsync("data-code");
        await page.Locator("[data-testid=panel-province] rect.chart-bar").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($@"/indikator/P1-PMI-TRAINED\?tahun=2026&tw=3&provinsi={province}&indikator=P3-REMITTANCE$"));
        await page.GoBackAsync();
        await page.WaitForSelectorAsync("#app-ready[data-interactive='true']", new() { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=panel-country] [data-testid=chart-open]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/indikator/P3-REMITTANCE\?tahun=2026&tw=3&indikator=P3-REMITTANCE$"));
        await page.WaitForSelectorAsync("#app-ready[data-interactive='true']", new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.GetByTestId("indicator-definition")).ToContainTextAsync("Bank Indonesia");
        await Assertions.Expect(page.GetByTestId("narrative")).ToContainTextAsync("Kendala");
        await Assertions.Expect(page.GetByTestId("audit-history-empty")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=observations-grid] tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=panel-series] .chart-axis-y text").First).ToBeAttachedAsync();
        await BrowserFixture.ScreenshotAsync(page, "indikator-remitansi-1366");

        var wide = await browser.NewPageAsync(width: 1920, height: 1080);
        await BrowserFixture.GotoInteractiveAsync(wide, "/indikator/P1-PMI-TRAINED");
        await Assertions.Expect(wide.GetByTestId("breakdown-table-Province")).ToBeVisibleAsync();
        await Assertions.Expect(wide.Locator("[data-testid=panel-series] .chart-axis-y text").First).ToBeAttachedAsync();
        await BrowserFixture.ScreenshotAsync(wide, "indikator-1920");
    }

    [Fact]
    public async Task AnOwnerFilterLeavesOnlyThatOwnersCardsAndTheChartsSayWhichIndicatorTheyShow()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/?tahun=2026&tw=3&pemilik=kemendag");
        await Assertions.Expect(page.GetByTestId("kpi-card")).ToHaveCountAsync(3);
        // The headline cards obey the owner too: Kemendag's UMKM figures, no KP2MI card (PMI trained, remittances).
        var headline = page.GetByTestId("headline-figure");
        await Assertions.Expect(headline).ToHaveCountAsync(2);
        Assert.Equal(["P3-UMKM-FACILITATED", "P3-EXPORT-VALUE"], await headline.EvaluateAllAsync<string[]>("fs => fs.map(f => f.dataset.code)"));
        await Assertions.Expect(page.GetByTestId("headline")).Not.ToContainTextAsync("PMI dilatih");
        await Assertions.Expect(page.GetByTestId("headline")).Not.ToContainTextAsync("remitansi");

        // The charts show the first Kemendag indicator; the country chart, which cannot, names the one it shows instead.
        await Assertions.Expect(page.Locator("[data-testid=panel-trend] .chart-subtitle")).ToContainTextAsync("UMKM yang difasilitasi ekspor");
        await Assertions.Expect(page.Locator("[data-testid=panel-province] [data-testid=chart-notice]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=panel-country] [data-testid=chart-notice]"))
            .ToHaveTextAsync("Indikator P3-UMKM-FACILITATED tidak dipilah per negara; menampilkan P3-EXPORT-VALUE · Nilai ekspor UMKM terfasilitasi.");
        await Assertions.Expect(page.Locator("[data-testid=panel-sex] [data-testid=chart-empty]"))
            .ToHaveTextAsync("Tidak ada indikator yang dirinci menurut jenis kelamin untuk filter ini.");
        await BrowserFixture.ScreenshotAsync(page, "dasbor-pemilik-kemendag-1366");
    }

    /// <summary>
    /// Clicks, with the mouse, the bar or slice of a breakdown chart that stands for <paramref name="code"/>: at a point
    /// of the shape that is really on top there, since a slice's box centre lies in the donut's hole.
    /// </summary>
    private static async Task ClickGroupAsync(IPage page, string panel, string part, string code)
    {
        var codes = await page.Locator($"[data-testid={panel}] [data-testid=breakdown-row]").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.code)");
        Assert.True(Array.IndexOf(codes, code) >= 0, $"{panel} has no group {code}: {string.Join(", ", codes)}");
        // The drawing's shapes carry their group's code, in the rows' order.
        var drawn = await page.Locator($"[data-testid={panel}] svg {part}").EvaluateAllAsync<string[]>("ps => ps.map(p => p.dataset.code)");
        Assert.Equal(codes.Where(drawn.Contains), drawn);
        var shape = page.Locator($"[data-testid={panel}] svg {part}[data-code='{code}']");
        await shape.ScrollIntoViewIfNeededAsync();
        var point = await shape.EvaluateAsync<double[]?>("""
            el => {
              const box = el.getBoundingClientRect();
              for (let i = 1; i < 40; i++) {
                const at = el.getPointAtLength(el.getTotalLength() * i / 40).matrixTransform(el.getScreenCTM());
                for (const [x, y] of [[at.x, at.y], [(at.x * 3 + box.x + box.width / 2) / 4, (at.y * 3 + box.y + box.height / 2) / 4]]) {
                  if (document.elementFromPoint(x, y) === el) { return [x, y]; }
                }
              }
              return null;
            }
            """);
        Assert.True(point is { Length: 2 }, $"no point of {panel}'s {part} for {code} can be clicked");
        await page.Mouse.ClickAsync((float)point![0], (float)point[1]);
    }

    [Fact]
    public async Task TheJawaTimurBarOpensItsIndicatorFilteredToJawaTimur()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/?tahun=2026&tw=3&indikator=P1-PMI-TRAINED");
        await ClickGroupAsync(page, "panel-province", "rect.chart-bar", "35");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/indikator/P1-PMI-TRAINED\?tahun=2026&tw=3&provinsi=35&indikator=P1-PMI-TRAINED$"));
        await Assertions.Expect(page.GetByTestId("indicator-view")).ToHaveTextAsync("Realisasi TW III 2026 · Jawa Timur");
        await Assertions.Expect(CardValue(page, Trained)).ToHaveTextAsync(FigureFormatter.Compact(await SqlSumAsync(Trained, 2026, 3, "35"), "orang"));
        await BrowserFixture.ScreenshotAsync(page, "indikator-dari-batang-jatim-1366");
    }

    [Fact]
    public async Task ACountryBarOpensItsIndicatorFilteredToThatCountry()
    {
        const string remittance = "P3-REMITTANCE";
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, $"/?tahun=2026&tw=3&indikator={remittance}");
        var first = page.Locator("[data-testid=panel-country] [data-testid=breakdown-row]").First;
        var country = (await first.GetAttributeAsync("data-code"))!;
        var name = await first.Locator("a, span").First.InnerTextAsync();
        await ClickGroupAsync(page, "panel-country", "rect.chart-bar", country);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($@"/indikator/{remittance}\?tahun=2026&tw=3&negara={country}&indikator={remittance}$"));
        await Assertions.Expect(page.GetByTestId("indicator-view")).ToHaveTextAsync($"Realisasi TW III 2026 · {name}");
        await Assertions.Expect(CardValue(page, remittance)).ToHaveTextAsync(FigureFormatter.Compact(await SqlSumAsync(remittance, 2026, 3, country: country), "USD"));
    }

    [Fact]
    public async Task ASexSliceOpensItsIndicatorFilteredToThatSex()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/?tahun=2026&tw=3&indikator=P1-PMI-TRAINED");
        await ClickGroupAsync(page, "panel-sex", "path.chart-slice", "P");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/indikator/P1-PMI-TRAINED\?tahun=2026&tw=3&jk=P&indikator=P1-PMI-TRAINED$"));
        await Assertions.Expect(page.GetByTestId("indicator-view")).ToHaveTextAsync("Realisasi TW III 2026 · Perempuan");
        await Assertions.Expect(CardValue(page, Trained)).ToHaveTextAsync(FigureFormatter.Compact(await SqlSumAsync(Trained, 2026, 3, sex: "P"), "orang"));
        await BrowserFixture.ScreenshotAsync(page, "indikator-dari-irisan-perempuan-1366");

        // The filter bar shows the sex it narrowed to, and lifts it like any other filter.
        await Assertions.Expect(page.Locator(".filter-sex select")).ToHaveValueAsync(Vocabulary.Female);
        await ChooseAsync(page, "filter-sex", "Semua");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/indikator/P1-PMI-TRAINED\?tahun=2026&tw=3&indikator=P1-PMI-TRAINED$"));
        await Assertions.Expect(page.GetByTestId("indicator-view")).ToHaveTextAsync("Realisasi TW III 2026");
        await Assertions.Expect(CardValue(page, Trained)).ToHaveTextAsync(FigureFormatter.Compact(await SqlSumAsync(Trained, 2026, 3), "orang"));
    }

    [Fact]
    public async Task DashboardScreenshotsAtProjectorAndLaptopSizes()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/");
        await Assertions.Expect(page.GetByTestId("kpi-card")).ToHaveCountAsync(14);
        await BrowserFixture.ScreenshotAsync(page, "dasbor-1366");
        // The first screen at 1366×768 already says how the programme stands: the headline cards are in view.
        Assert.True(await page.GetByTestId("headline").IsVisibleAsync());
        var headline = await page.GetByTestId("headline").BoundingBoxAsync();
        Assert.True(headline!.Y + headline.Height <= 768, $"headline cards end at {headline.Y + headline.Height}px");

        var wide = await browser.NewPageAsync(width: 1920, height: 1080);
        await BrowserFixture.GotoInteractiveAsync(wide, "/");
        await Assertions.Expect(wide.GetByTestId("kpi-card")).ToHaveCountAsync(14);
        await BrowserFixture.ScreenshotAsync(wide, "dasbor-1920");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await BrowserFixture.ScreenshotAsync(page, "dasbor-cetak");
        Assert.False(await page.Locator(".mud-drawer").IsVisibleAsync());
        Assert.False(await page.GetByTestId("filter-bar").IsVisibleAsync());
        // Printed: the headline and P1 on the first page, then one page per pillar, then the charts.
        var pdf = await page.PdfAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "dasbor-cetak.pdf"), Format = "A4", PrintBackground = true });
        Assert.InRange(PdfPages().Count(System.Text.Encoding.Latin1.GetString(pdf)), 5, 7);
    }

    /// <summary>Page objects of a PDF ("/Type /Page", not "/Type /Pages").</summary>
    [GeneratedRegex(@"/Type\s*/Page[^s]")]
    private static partial Regex PdfPages();

    [Fact]
    public async Task AnAddressWithUnusableFiltersSaysSoAndShowsTheCurrentQuarter()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/?tahun=dua&provinsi=99");
        await Assertions.Expect(page.GetByTestId("filter-problem")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("filter-problem").First).ToContainTextAsync("tahun=dua");
        await Assertions.Expect(page.GetByTestId("dashboard-period")).ToHaveTextAsync("Realisasi TW III 2026");

        await BrowserFixture.GotoInteractiveAsync(page, "/?tahun=2023&tw=1");
        await Assertions.Expect(page.GetByTestId("empty-state")).ToHaveTextAsync("Belum ada data untuk periode ini.");
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MonevDashboard.Data;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

/// <summary>
/// The maps (issue #17, item 1) at 1366×768: the dashboard's province and country panels switched to "Peta", a
/// province tile and a country clicked open the indicator narrowed to them; the indicator page's maps beside their
/// tables; the "Tabel" view of the same figures.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MapBrowserTests(BrowserFixture browser)
{
    private const string Trained = "P1-PMI-TRAINED";
    private const string Remittance = "P3-REMITTANCE";

    /// <summary>The quarter's Σ value of an indicator in one province or country, straight from the database.</summary>
    private async Task<double> SqlSumAsync(string code, int year, int quarter, string? province = null, string? country = null)
    {
        var database = browser.App.Database;
        await using var connection = DatabaseDialect.Of(database).CreateConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT SUM(o."Value") FROM "Observations" o JOIN "Indicators" i ON i."Id" = o."IndicatorId"
            WHERE i."Code" = @code AND o."Year" = @year AND o."Quarter" = @quarter AND (@province IS NULL OR o."ProvinceCode" = @province)
              AND (@country IS NULL OR o."CountryCode" = @country)
            """;
        DatabaseDialect.AddParameter(command, "@code", code, System.Data.DbType.String);
        DatabaseDialect.AddParameter(command, "@year", year, System.Data.DbType.Int32);
        DatabaseDialect.AddParameter(command, "@quarter", quarter, System.Data.DbType.Int32);
        DatabaseDialect.AddParameter(command, "@province", province, System.Data.DbType.String);
        DatabaseDialect.AddParameter(command, "@country", country, System.Data.DbType.String);
        return Convert.ToDouble(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Clicks a map shape with the mouse at a point where it is really on top: a country's box centre may lie in the
    /// sea or in a neighbour, so points of a grid over its box are tried.
    /// </summary>
    private static async Task ClickShapeAsync(IPage page, ILocator shape)
    {
        await shape.ScrollIntoViewIfNeededAsync();
        var point = await shape.EvaluateAsync<double[]?>("""
            a => {
              const box = a.getBoundingClientRect();
              for (let n = 1; n <= 16; n *= 2) {
                for (let i = 0; i < n; i++) {
                  for (let j = 0; j < n; j++) {
                    const x = box.x + box.width * (i + .5) / n, y = box.y + box.height * (j + .5) / n;
                    const hit = document.elementFromPoint(x, y);
                    if (hit && hit.closest('a') === a) { return [x, y]; }
                  }
                }
              }
              return null;
            }
            """);
        Assert.True(point is { Length: 2 }, "no point of the shape can be clicked");
        await page.Mouse.ClickAsync((float)point![0], (float)point[1]);
    }

    [Fact]
    public async Task TheProvinceMapShowsTheFiguresOnHoverAndAJawaTimurClickOpensItsIndicatorFilteredToJawaTimur()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, $"/?tahun=2026&tw=3&indikator={Trained}");
        var panel = page.GetByTestId("panel-province");
        var map = panel.GetByTestId("map-province");
        await Assertions.Expect(map).ToBeHiddenAsync();
        await panel.GetByText("Peta", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(map).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator(".map-view-pane-chart")).ToBeHiddenAsync();
        await Assertions.Expect(map.GetByTestId("map-shape")).ToHaveCountAsync(38);

        var jatim = map.Locator("a[data-code='35']");
        var expected = FigureFormatter.Format(await SqlSumAsync(Trained, 2026, 3, province: "35"), "orang");
        await Assertions.Expect(jatim.Locator("title")).ToHaveTextAsync($"Jawa Timur: {expected}", new() { UseInnerText = false });
        await Assertions.Expect(map.GetByTestId("map-legend")).ToContainTextAsync("Tidak ada data");
        await BrowserFixture.ScreenshotAsync(page, "peta-provinsi-dasbor-1366", fullPage: false);
        await map.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "peta-provinsi-1366.png") });

        await ClickShapeAsync(page, jatim);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($@"/indikator/{Trained}\?tahun=2026&tw=3&provinsi=35&indikator={Trained}$"));
        await page.WaitForSelectorAsync("#app-ready[data-interactive='true']", new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.GetByTestId("indicator-view")).ToHaveTextAsync("Realisasi TW III 2026 · Jawa Timur");
    }

    [Fact]
    public async Task TheCountryMapColoursTheDestinationsAndTheLargestOneOpensItsIndicatorFilteredToIt()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, $"/?tahun=2026&tw=3&indikator={Remittance}");
        var panel = page.GetByTestId("panel-country");
        // The chart's rows are ordered largest first: the map's first destination is the chart's first bar.
        var first = panel.GetByTestId("breakdown-row").First;
        var country = (await first.GetAttributeAsync("data-code"))!;
        var name = await first.Locator("a, span").First.InnerTextAsync();
        await panel.GetByText("Peta", new() { Exact = true }).ClickAsync();
        var map = panel.GetByTestId("map-country");
        await Assertions.Expect(map).ToBeVisibleAsync();
        var shape = map.Locator($"a[data-code='{country}']");
        var expected = FigureFormatter.Format(await SqlSumAsync(Remittance, 2026, 3, country: country), "USD");
        await Assertions.Expect(shape.Locator("title")).ToHaveTextAsync($"{name}: {expected}", new() { UseInnerText = false });
        // Every country drawn has a title; the ones without a figure are not links.
        var untitled = await map.GetByTestId("map-shape").EvaluateAllAsync<int>("ss => ss.filter(s => !s.querySelector('title')?.textContent).length");
        Assert.Equal(0, untitled);
        await Assertions.Expect(map.Locator("g[data-code='ID'] title")).ToHaveTextAsync("Indonesia: tidak ada data", new() { UseInnerText = false });
        await BrowserFixture.ScreenshotAsync(page, "peta-negara-dasbor-1366", fullPage: false);
        await map.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "peta-negara-1366.png") });

        await ClickShapeAsync(page, shape);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($@"/indikator/{Remittance}\?tahun=2026&tw=3&negara={country}&indikator={Remittance}$"));
        await page.WaitForSelectorAsync("#app-ready[data-interactive='true']", new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.GetByTestId("indicator-view")).ToHaveTextAsync($"Realisasi TW III 2026 · {name}");
    }

    [Fact]
    public async Task TheTableViewListsEveryProvinceFigureAndIsInThePageForScreenReadersAllAlong()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, $"/?tahun=2026&tw=3&indikator={Trained}");
        var panel = page.GetByTestId("panel-province");
        var table = panel.GetByTestId("map-table-province");
        // Before it is chosen the table is in the page (for screen readers) but not shown.
        await Assertions.Expect(table).ToBeAttachedAsync();
        Assert.True(await panel.Locator(".map-view-pane-table").EvaluateAsync<bool>("p => p.getBoundingClientRect().width <= 1"));
        await panel.GetByText("Tabel", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(table).ToBeVisibleAsync();
        var expected = FigureFormatter.Format(await SqlSumAsync(Trained, 2026, 3, province: "35"), "orang");
        await Assertions.Expect(table.Locator("tr[data-code='35'] td")).ToHaveTextAsync(expected);
        await BrowserFixture.ScreenshotAsync(page, "peta-tabel-provinsi-1366", fullPage: false);
    }

    [Fact]
    public async Task TheIndicatorPageDrawsItsCountryMapBesideTheTableAndAClickNarrowsIt()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, $"/indikator/{Remittance}?tahun=2026&tw=3");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Negara" }).ClickAsync();
        var map = page.GetByTestId("map-country");
        await Assertions.Expect(map).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("breakdown-table-Country")).ToBeVisibleAsync();
        var link = map.Locator("a.map-shape").First;
        var country = (await link.GetAttributeAsync("data-code"))!;
        await map.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "peta-negara-indikator-1366", fullPage: false);

        await ClickShapeAsync(page, link);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($@"/indikator/{Remittance}\?tahun=2026&tw=3&negara={country}$"));
        await page.WaitForSelectorAsync("#app-ready[data-interactive='true']", new() { State = WaitForSelectorState.Attached });
        // Narrowed to one country, the map marks it.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Negara" }).ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid=map-country] .map-selected[data-code='{country}']")).ToHaveCountAsync(1);
    }
}

using System.Buffers.Binary;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

/// <summary>Every chart downloads as PNG and SVG with its title, period, unit and source line, for a slide or a letter.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChartImagesBrowserTests(BrowserFixture browser)
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static async Task<IDownload> DownloadAsync(IPage page, string panel, string kind) =>
        await page.RunAndWaitForDownloadAsync(() => page.Locator($"[data-testid={panel}] [data-chart-download={kind}]").ClickAsync());

    [Fact]
    public async Task AProvinceChartDownloadsAsAnSvgThatSaysWhatWhenAndWhereFrom()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/?tahun=2026&tw=3&indikator=P1-PMI-TRAINED");
        var rows = await page.Locator("[data-testid=panel-province] [data-testid=breakdown-row]").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.code)");

        var download = await DownloadAsync(page, "panel-province", "svg");
        Assert.Matches(new Regex(@"^grafik-per-provinsi-teratas-calon-pmi-pmi-yang-dilatih-[a-z0-9-]+\.svg$"), download.SuggestedFilename);
        var text = await File.ReadAllTextAsync(await download.PathAsync());
        var image = XElement.Parse(text);
        var words = string.Join(" | ", image.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Contains("Per provinsi (teratas)", words);
        Assert.Contains("Calon PMI/PMI yang dilatih", words);
        Assert.Contains("(orang)", words);
        Assert.Contains("Realisasi TW III 2026", words);
        Assert.Matches(new Regex(@"Sumber: MonevDashboard, PKS Kemendag–KP2MI · diunduh \d{1,2} \w{3} \d{4}"), words);
        // The bars themselves, one per province listed under the chart, with their values in id-ID.
        var bars = image.Descendants(Svg + "rect").Where(r => r.Attribute("class")?.Value == "chart-bar").Select(r => r.Attribute("data-code")!.Value);
        Assert.Equal(rows, bars);
        Assert.Contains(image.Descendants(Svg + "title"), t => Regex.IsMatch(t.Value, @"^Jawa Timur: [\d.]+ orang$"));

        // Opened on its own, the file is a picture with its words around the chart.
        var viewer = await browser.NewPageAsync(width: 800, height: 600);
        await viewer.SetContentAsync($"<body style='margin:0'>{text[text.IndexOf("<svg", StringComparison.Ordinal)..]}</body>");
        await BrowserFixture.ScreenshotAsync(viewer, "grafik-unduhan-provinsi-svg", fullPage: false);
    }

    [Fact]
    public async Task TheTrendDownloadsAsAPngAtTwiceItsSizeAndEveryDrawnChartOffersBoth()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/?tahun=2026&tw=3&indikator=P1-PMI-TRAINED");
        foreach (var panel in new[] { "panel-trend", "panel-pillars", "panel-sex", "panel-province", "panel-country" })
        {
            await Assertions.Expect(page.Locator($"[data-testid={panel}] [data-chart-download]")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator($"[data-testid={panel}] [data-chart-download=png]")).ToHaveAttributeAsync("aria-label", "Unduh grafik sebagai gambar PNG");
        }

        var download = await DownloadAsync(page, "panel-trend", "png");
        Assert.EndsWith(".png", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
        Assert.True(width >= 1040 && height > 520, $"{width}×{height}");
        // Far more than a blank canvas: the chart, its words and its lines are drawn.
        Assert.True(bytes.Length > 20_000, $"{bytes.Length} bytes");
        File.Copy(await download.PathAsync(), Path.Combine(BrowserFixture.ScreenshotDirectory, "grafik-unduhan-tren.png"), overwrite: true);

        // The indicator page's series chart too; an empty panel offers nothing to download.
        await BrowserFixture.GotoInteractiveAsync(page, "/indikator/P1-PMI-TRAINED?tahun=2026&tw=3");
        await Assertions.Expect(page.Locator("[data-testid=panel-series] [data-chart-download]")).ToHaveCountAsync(2);
        await BrowserFixture.GotoInteractiveAsync(page, "/?tahun=2026&tw=3&pemilik=kemendag");
        await Assertions.Expect(page.Locator("[data-testid=panel-sex] [data-testid=chart-empty]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=panel-sex] [data-chart-download]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheEnglishSwitchWritesTheImageInEnglish()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "/culture/set?ui=en&returnUrl=%2F%3Ftahun%3D2026%26tw%3D3%26indikator%3DP1-PMI-TRAINED");
        var download = await DownloadAsync(page, "panel-pillars", "svg");
        var words = string.Join(" | ", XElement.Parse(await File.ReadAllTextAsync(await download.PathAsync())).Descendants(Svg + "text").Select(t => t.Value));
        Assert.Contains("Pillar summary", words);
        Assert.Contains("Source: MonevDashboard", words);
    }
}

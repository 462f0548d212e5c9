using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MonevDashboard.Figures;
using MonevDashboard.Tests.Browser;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Deployment;

/// <summary>
/// Two instances on one PostgreSQL database behind nginx configured from the README's template
/// (docs/deploy/nginx.conf): a browser signs in, filters the dashboard and saves a figure through the proxy, its
/// circuit's WebSocket goes through the proxy to the instance that served its pages, and browsers spread over both.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(TestPostgres.Trait, TestPostgres.PostgresOnly)]
public sealed partial class NginxBrowserTests(BrowserFixture browser, ProxiedInstancesFixture proxied) : IClassFixture<ProxiedInstancesFixture>
{
    private const string Operator = "operator.kemendag@monev.go.id";
    private const string Trained = HeadlineIndicators.PmiTrained;
    private const string JawaTimurCell = "[data-code='P3-UMKM-FACILITATED'] input[data-cell='35||value']";

    private readonly MultiInstanceServer _server = proxied.Server;
    private readonly NginxProxy _proxy = proxied.Proxy;

    [Fact]
    public async Task ThroughTheProxyABrowserSignsInFiltersTheDashboardAndSavesAFigureOnOneInstance()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            BaseURL = _proxy.BaseAddress.ToString(),
            IgnoreHTTPSErrors = true,
            Locale = "id-ID",
            TimezoneId = "Asia/Jakarta",
        });
        context.SetDefaultTimeout(20_000);
        var sockets = new List<string>();
        context.Page += (_, page) => page.WebSocket += (_, socket) => sockets.Add(socket.Url);
        var page = await context.NewPageAsync();

        try
        {
            await BrowserFixture.SignInAsync(page, Operator);
        }
        catch (TimeoutException ex)
        {
            // What went through the proxy says more than the timeout (a redirect to the wrong address, an instance down).
            throw new TimeoutException($"Sign-in through nginx stopped at {page.Url}; nginx saw:\n{string.Join("\n", _proxy.AccessLog())}", ex);
        }
        var cookies = await context.CookiesAsync();
        // The app saw HTTPS through X-Forwarded-Proto: its sign-in cookie is Secure although the instance speaks HTTP.
        Assert.True(cookies.Single(c => c.Name == "monev.auth").Secure);
        var route = cookies.Single(c => c.Name == "monev_route").Value;

        // The dashboard, filtered to another year: the address and the card follow, with the instance's own figures.
        await BrowserFixture.GotoInteractiveAsync(page, "/");
        await Assertions.Expect(page.GetByTestId("dashboard-period")).ToHaveTextAsync("Realisasi TW III 2026");
        await ChooseAsync(page, "filter-year", "2025");
        await Assertions.Expect(page).ToHaveURLAsync(YearFilterAddress());
        var expected = FigureFormatter.Compact((await FigureAsync(new FigureFilter(2025, 3))).QuarterValue, "orang");
        await Assertions.Expect(page.Locator($"[data-testid=kpi-card][data-code='{Trained}'] [data-testid=kpi-value]")).ToHaveTextAsync(expected);
        await BrowserFixture.ScreenshotAsync(page, "nginx-dasbor-2025-1366", fullPage: false);

        // Data entry: a draft saved through the proxy is in the shared database.
        await BrowserFixture.GotoInteractiveAsync(page, "/entri?tahun=2026&tw=3&kementerian=Kemendag");
        await page.Locator(JawaTimurCell).FillAsync("12.345");
        await page.Locator(JawaTimurCell).DispatchEventAsync("change");
        await Assertions.Expect(page.Locator("[data-testid=dirty-count]")).ToContainTextAsync("1 perubahan");
        await page.Locator(".entry-savebar input[type=checkbox]").CheckAsync();
        await page.ClickAsync("[data-testid=save-draft]");
        await Assertions.Expect(page.Locator("[data-testid=dirty-count]")).ToHaveTextAsync("0 perubahan belum disimpan");
        await using (var db = _server.Database.CreateContext())
        {
            var indicator = await db.Indicators.Where(i => i.Code == "P3-UMKM-FACILITATED").Select(i => i.Id).SingleAsync();
            var stored = await db.Observations.AsNoTracking().SingleAsync(o => o.IndicatorId == indicator
                && o.Year == 2026 && o.Quarter == 3 && o.ProvinceCode == "35" && o.CountryCode == "" && o.Sex == "");
            Assert.Equal((12345.0, Operator), (stored.Value, stored.UpdatedBy));
        }
        await BrowserFixture.GotoInteractiveAsync(page, "/entri?tahun=2026&tw=3&kementerian=Kemendag");
        await Assertions.Expect(page.Locator(JawaTimurCell)).ToHaveValueAsync("12.345");

        // Every circuit's WebSocket went to the proxy, never to an instance directly.
        Assert.NotEmpty(sockets);
        Assert.All(sockets, url => Assert.StartsWith($"wss://127.0.0.1:{_proxy.BaseAddress.Port}/_blazor", url, StringComparison.Ordinal));
        await context.CloseAsync();

        // nginx logs a WebSocket when it closes: upgraded (101), and served, like every request of this browser, by one instance.
        var lines = await LogLinesOfRouteAsync(route, line => line.Contains("\"GET /_blazor?id=", StringComparison.Ordinal) && line.Contains(" 101 ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("\"GET /_blazor?id=", StringComparison.Ordinal) && line.Contains(" 101 ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("\"POST /masuk", StringComparison.Ordinal));
        var upstreams = lines.Select(Upstream).Distinct().ToList();
        Assert.True(upstreams.Count == 1, "One browser, one instance; got " + string.Join(", ", upstreams) + "\n" + string.Join("\n", lines));
        Assert.Contains(upstreams[0], _server.Instances.Select(i => $"{i.BaseAddress.Host}:{i.BaseAddress.Port}"));
    }

    [Fact]
    public async Task BrowsersAreSpreadOverBothInstancesAndEachStaysOnItsOwnAndPlainHttpIsRedirected()
    {
        var routes = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            var cookies = new CookieContainer();
            using var client = ProxyClient(cookies);
            for (var request = 0; request < 3; request++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/masuk")).StatusCode);
            }
            routes.Add(cookies.GetAllCookies().Single(c => c.Name == "monev_route").Value);
        }

        var byRoute = new Dictionary<string, List<string>>();
        foreach (var route in routes)
        {
            // Plain requests are logged when their response is sent: no waiting.
            byRoute[route] = [.. (await LogLinesOfRouteAsync(route, _ => true)).Select(Upstream)];
        }
        Assert.All(byRoute, pair => Assert.Equal([pair.Value[0], pair.Value[0], pair.Value[0]], pair.Value));
        // 24 random routes all on one of two instances: one chance in eight million.
        Assert.Equal(2, byRoute.Values.Select(u => u[0]).Distinct().Count());

        using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _proxy.PlainAddress };
        var redirect = await plain.GetAsync("/indikator?tahun=2026");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("https://127.0.0.1/indikator?tahun=2026", redirect.Headers.Location!.ToString());
    }

    private HttpClient ProxyClient(CookieContainer cookies) => new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        CookieContainer = cookies,
        UseCookies = true,
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
    })
    { BaseAddress = _proxy.BaseAddress };

    /// <summary>The access log's lines of one browser (its route cookie), waiting briefly for one that <paramref name="awaited"/> matches.</summary>
    private async Task<List<string>> LogLinesOfRouteAsync(string route, Func<string, bool> awaited)
    {
        List<string> lines = [];
        for (var attempt = 0; attempt < 50; attempt++)
        {
            lines = [.. _proxy.AccessLog().Where(l => l.Contains($" route={route} ", StringComparison.Ordinal))];
            if (lines.Any(awaited))
            {
                break;
            }
            await Task.Delay(100);
        }
        return lines;
    }

    private static string Upstream(string line) => UpstreamField().Match(line).Groups[1].Value;

    private async Task<IndicatorFigure> FigureAsync(FigureFilter filter)
    {
        await using var scope = await _server[0].ScopeAsAsync(Operator);
        return await scope.ServiceProvider.GetRequiredService<FigureQueryService>().GetIndicatorFigureAsync(filter, Trained)
            ?? throw new InvalidOperationException($"{Trained} has no figure.");
    }

    private static async Task ChooseAsync(IPage page, string selectClass, string option)
    {
        await page.Locator($".{selectClass} select").SelectOptionAsync(new SelectOptionValue { Label = option });
    }

    [GeneratedRegex(@"upstream=(\S+)")]
    private static partial Regex UpstreamField();

    [GeneratedRegex(@"\?tahun=2025&tw=3$")]
    private static partial Regex YearFilterAddress();
}

using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace MonevDashboard.Bench;

/// <summary>
/// The officials of <c>bench load</c>: one headless Debian Chromium (never a downloaded one) driven by Playwright,
/// holding many dashboard pages — each a live Blazor circuit — in a few browser contexts that share one sign-in
/// cookie (signed in once through the real sign-in page). Latency is measured inside the page: from the click's own
/// event time to the DOM mutation that shows the new figures (see <see cref="Probe"/>), so Playwright's round trips
/// to the browser are not part of it.
/// </summary>
internal sealed class LoadBrowser : IAsyncDisposable
{
    public const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>The view every official opens: the quarter the budgets measure.</summary>
    public static readonly string DashboardPath = $"/?tahun={BenchDataSet.MeasuredQuarter.Year}&tw={BenchDataSet.MeasuredQuarter.Quarter}";

    public static readonly string ReportPath = $"/laporan?tahun={BenchDataSet.MeasuredQuarter.Year}&tw={BenchDataSet.MeasuredQuarter.Quarter}";

    private const int PagesPerContext = 50;
    private const float TimeoutMs = 60_000;

    /// <summary>
    /// Injected into every page before its own scripts. <c>arm(spec)</c> is called just before the click; from then on
    /// every DOM mutation is checked: the address must have changed, nothing may show the view as loading, the figures
    /// must be there (<c>spec.ready</c>) and — for a filter on the same page — the dashboard must have been reloaded
    /// or its text changed, so the render that merely closes a select does not count. The latency is the mutation's
    /// time minus the event time of the pointerdown (or the select's change).
    /// </summary>
    private const string Probe = """
        (() => {
          if (window.__monevLoad) return;
          let armed = null;
          const dashboardText = () => { const d = document.querySelector('[data-testid=dashboard]'); return d ? d.textContent : ''; };
          const stamp = e => { if (armed && armed.clickAt === null) armed.clickAt = e.timeStamp; };
          document.addEventListener('pointerdown', stamp, true);
          document.addEventListener('click', stamp, true);
          document.addEventListener('change', stamp, true);   // a choice in a browser's own select
          const check = () => {
            const a = armed;
            if (!a || a.done !== null || location.href === a.url) return;
            if (a.spec.busy && document.querySelector(a.spec.busy)) { a.sawBusy = true; return; }
            if (!document.querySelector(a.spec.ready)) return;
            if (a.spec.requireChange && !a.sawBusy && dashboardText() === a.text) return;
            a.done = performance.now();
            a.observer.disconnect();
            a.resolve();
          };
          window.__monevLoad = {
            arm(spec) {
              const a = { spec, url: location.href, clickAt: null, sawBusy: false, done: null,
                          text: spec.requireChange ? dashboardText() : null };
              a.finished = new Promise(resolve => a.resolve = resolve);
              a.observer = new MutationObserver(check);
              a.observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
              armed = a;
            },
            async wait(timeoutMs) {
              const a = armed;
              check();
              const timedOut = await Promise.race([a.finished.then(() => false), new Promise(r => setTimeout(() => r(true), timeoutMs))]);
              a.observer.disconnect();
              armed = null;
              if (!timedOut && a.clickAt !== null) return { ms: a.done - a.clickAt, why: '' };
              const why = a.clickAt === null ? 'no click reached the page'
                : location.href === a.url ? 'the address never changed'
                : a.spec.busy && document.querySelector(a.spec.busy) ? 'still loading'
                : !document.querySelector(a.spec.ready) ? 'the figures never appeared'
                : 'the dashboard never changed';
              return { ms: -1, why: why + ' at ' + location.href };
            }
          };
        })();
        """;

    /// <summary>The dashboard with its figures (or its empty state) and not loading.</summary>
    private static readonly object DashboardShown = new
    {
        ready = "[data-testid=dashboard][data-loading=false] :is([data-testid=kpi-card], [data-testid=empty-state])",
        busy = "[data-testid=dashboard][data-loading=true]",
        requireChange = true,
    };

    private static readonly object DashboardReturned = new
    {
        ready = "[data-testid=dashboard][data-loading=false] :is([data-testid=kpi-card], [data-testid=empty-state])",
        busy = "[data-testid=dashboard][data-loading=true]",
        requireChange = false,
    };

    /// <summary>The indicator page with its card and no loading bar above it.</summary>
    private static readonly object IndicatorShown = new
    {
        ready = ".indicator-top .indicator-kpi [data-testid=kpi-card]",
        busy = ".mud-progress-linear + .indicator-top",
        requireChange = false,
    };

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _address;
    private readonly string _storageState;
    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<LoadPage> _pages = [];
    private readonly Lock _lock = new();

    private LoadBrowser(IPlaywright playwright, IBrowser browser, Uri address, string storageState)
    {
        _playwright = playwright;
        _browser = browser;
        _address = address;
        _storageState = storageState;
    }

    public IReadOnlyList<LoadPage> Pages
    {
        get
        {
            lock (_lock)
            {
                return [.. _pages];
            }
        }
    }

    /// <summary>Launches Chromium and signs in once through the sign-in page; every page after that shares the cookie.</summary>
    public static async Task<LoadBrowser> StartAsync(string chromium, int renderers, Uri address, string email, string password)
    {
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {chromium}. bench load drives Debian's Chromium: `sudo apt-get install -y chromium`, or --chromium PATH.");
        }
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--disable-extensions",
                    // Hundreds of pages of one site: without a limit each gets a renderer process of its own (~50 MB).
                    $"--renderer-process-limit={renderers}",
                ],
            });
            var context = await browser.NewContextAsync(ContextOptions(address, storageState: null));
            var page = await context.NewPageAsync();
            await page.GotoAsync("/masuk");
            await page.FillAsync("#email", email);
            await page.FillAsync("#password", password);
            await page.Locator("[data-testid=signin-submit]").ClickAsync();
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("/masuk", StringComparison.Ordinal),
                    new() { Timeout = TimeoutMs, WaitUntil = WaitUntilState.Commit });
            }
            catch (TimeoutException ex)
            {
                var shown = await page.Locator("body").InnerTextAsync();
                var cookies = string.Join(", ", (await context.CookiesAsync()).Select(c => c.Name));
                throw new InvalidOperationException(
                    $"Signing in as {email} failed at {page.Url} (cookies: {cookies}); the page showed: {shown[..Math.Min(500, shown.Length)]}", ex);
            }
            var state = await context.StorageStateAsync();
            await context.CloseAsync();
            return new LoadBrowser(playwright, browser, address, state);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    private static BrowserNewContextOptions ContextOptions(Uri address, string? storageState) => new()
    {
        ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        BaseURL = address.ToString(),
        Locale = "id-ID",
        TimezoneId = "Asia/Jakarta",
        AcceptDownloads = true,
        StorageState = storageState,
        // The app serves HTTPS with the benchmark's own self-signed certificate (see LoadServer).
        IgnoreHTTPSErrors = true,
    };

    /// <summary>The Chromium and driver processes, found under this process (everything it started but the app).</summary>
    public static IReadOnlyList<int> Processes(int appProcessId) => ProcessTree.Descendants(Environment.ProcessId, appProcessId);

    /// <summary>
    /// Opens <paramref name="count"/> more dashboards, at most <paramref name="parallel"/> at a time, each started
    /// within <paramref name="spread"/> of the first (zero: as soon as a slot is free). Returns each open's time from
    /// the request to a live circuit showing the figures, in ms, and the time from the first request to the last
    /// page showing them.
    /// </summary>
    public async Task<(IReadOnlyList<double> Times, TimeSpan Makespan)> OpenAsync(int count, int parallel, TimeSpan spread, int seed)
    {
        // The pages exist first (about:blank), so the opens themselves start within the spread.
        var fresh = new List<LoadPage>();
        for (var i = 0; i < count; i++)
        {
            fresh.Add(new LoadPage(await NewPageAsync()));
        }
        var random = new Random(seed);
        var offsets = fresh.Select(_ => TimeSpan.FromMilliseconds(random.NextDouble() * spread.TotalMilliseconds)).ToList();
        using var slots = new SemaphoreSlim(parallel);
        var clock = Stopwatch.StartNew();
        var opens = fresh.Select(async (page, i) =>
        {
            var wait = offsets[i] - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            await slots.WaitAsync();
            try
            {
                return await page.OpenDashboardAsync();
            }
            catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
            {
                // Not interactive within the minute: counted as a failed open (NaN), the page kept as it is.
                return double.NaN;
            }
            finally
            {
                slots.Release();
            }
        });
        var times = await Task.WhenAll(opens);
        var makespan = clock.Elapsed;
        lock (_lock)
        {
            _pages.AddRange(fresh);
        }
        return (times, makespan);
    }

    private async Task<IPage> NewPageAsync()
    {
        IBrowserContext context;
        lock (_lock)
        {
            context = _contexts.Count > 0 && _contexts[^1].Pages.Count < PagesPerContext ? _contexts[^1] : null!;
        }
        if (context is null)
        {
            context = await _browser.NewContextAsync(ContextOptions(_address, _storageState));
            context.SetDefaultTimeout(TimeoutMs);
            await context.AddInitScriptAsync(Probe);
            lock (_lock)
            {
                _contexts.Add(context);
            }
        }
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A page of its own on the reports page (one more circuit for the time it takes), downloading the quarterly report
    /// <paramref name="count"/> times; each download's time from the click to the whole file saved, in ms.
    /// </summary>
    public async Task<IReadOnlyList<double>> DownloadReportsAsync(int count, string folder)
    {
        var page = await NewPageAsync();
        try
        {
            await page.GotoAsync(ReportPath);
            await page.WaitForSelectorAsync("#app-ready[data-interactive='true']", new() { State = WaitForSelectorState.Attached });
            await page.Locator("[data-testid=download-report] button").WaitForAsync();
            var times = new List<double>();
            for (var i = 0; i < count; i++)
            {
                var watch = Stopwatch.StartNew();
                var download = await page.RunAndWaitForDownloadAsync(
                    () => page.Locator("[data-testid=download-report] button").ClickAsync(),
                    new() { Timeout = 300_000 });
                var file = Path.Combine(folder, $"report-{i}.xlsx");
                await download.SaveAsAsync(file);
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (new FileInfo(file).Length == 0)
                {
                    throw new InvalidOperationException("The quarterly report downloaded empty.");
                }
                File.Delete(file);
            }
            return times;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            try
            {
                await context.CloseAsync();
            }
            catch (PlaywrightException)
            {
                // Closing anyway.
            }
        }
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>One official's page: where it is (dashboard or an indicator) and whether an interaction is running on it.</summary>
    internal sealed class LoadPage
    {
        private readonly IPage page;
        private readonly Queue<string> _console = new();
        private int _busy;

        public LoadPage(IPage page)
        {
            this.page = page;
            page.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning")
                {
                    lock (_console)
                    {
                        _console.Enqueue(message.Text);
                        while (_console.Count > 5)
                        {
                            _console.Dequeue();
                        }
                    }
                }
            };
            page.WebSocket += (_, socket) =>
            {
                socket.Close += (_, _) => Note("websocket closed: " + socket.Url);
                socket.SocketError += (_, error) => Note("websocket error: " + error);
            };
            page.Crash += (_, _) => Note("page crashed");
            page.PageError += (_, error) =>
            {
                lock (_console)
                {
                    _console.Enqueue(error);
                }
            };
        }

        private void Note(string text)
        {
            lock (_console)
            {
                _console.Enqueue(text);
                while (_console.Count > 8)
                {
                    _console.Dequeue();
                }
            }
        }

        /// <summary>The page's last console errors and warnings.</summary>
        public string RecentConsole
        {
            get
            {
                lock (_console)
                {
                    return string.Join(" | ", _console);
                }
            }
        }

        public bool OnIndicatorPage { get; private set; }

        /// <summary>Why the last interaction never showed its figures (null when it did).</summary>
        public string? LastFailure { get; private set; }

        private sealed class ProbeOutcome
        {
            public double Ms { get; set; }
            public string Why { get; set; } = "";
        }

        /// <summary>Claims the page for one interaction; false when one is running on it.</summary>
        public bool TryClaim() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

        public void Release() => Volatile.Write(ref _busy, 0);

        /// <summary>A new circuit: the dashboard requested until it is interactive and shows the figures, in ms.</summary>
        public async Task<double> OpenDashboardAsync()
        {
            var watch = Stopwatch.StartNew();
            await page.GotoAsync(DashboardPath, new() { WaitUntil = WaitUntilState.Commit, Timeout = TimeoutMs });
            await page.WaitForSelectorAsync("#app-ready[data-interactive='true']", new() { State = WaitForSelectorState.Attached, Timeout = TimeoutMs });
            await page.WaitForSelectorAsync("[data-testid=dashboard][data-loading=false] :is([data-testid=kpi-card], [data-testid=empty-state])",
                new() { State = WaitForSelectorState.Attached, Timeout = TimeoutMs });
            return watch.Elapsed.TotalMilliseconds;
        }

        /// <summary>One interaction of <paramref name="kind"/>; its latency in ms, or null when the page never showed the result.</summary>
        public async Task<double?> InteractAsync(LoadInteraction kind, Random random)
        {
            switch (kind)
            {
                case LoadInteraction.BackToDashboard:
                    return await MeasureAsync(DashboardReturned, () => page.Locator("[data-testid=back-to-dashboard]").ClickAsync(), onIndicator: false);
                case LoadInteraction.OpenIndicator:
                {
                    var cards = page.Locator("[data-testid=dashboard] [data-testid=kpi-card]");
                    var count = await cards.CountAsync();
                    if (count == 0)
                    {
                        return null;
                    }
                    var card = cards.Nth(random.Next(count));
                    return await MeasureAsync(IndicatorShown, () => card.ClickAsync(), onIndicator: true);
                }
                case LoadInteraction.YearToDate:
                    return await MeasureAsync(DashboardShown, () => page.Locator(".filter-ytd input").ClickAsync(), onIndicator: false);
                default:
                {
                    var select = kind switch
                    {
                        LoadInteraction.Pillar => "filter-pillar",
                        LoadInteraction.Owner => "filter-owner",
                        _ => "filter-year",
                    };
                    // Another value than the one chosen now, from the browser's own select.
                    var field = page.Locator($".{select} select").First;
                    var current = await field.InputValueAsync();
                    var values = await field.Locator("option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
                    var others = values.Where(v => v != current).ToList();
                    var value = others.Count > 0 ? others[random.Next(others.Count)] : current;
                    return await MeasureAsync(DashboardShown, () => field.SelectOptionAsync(value), onIndicator: false);
                }
            }
        }

        private async Task<double?> MeasureAsync(object spec, Func<Task> click, bool onIndicator)
        {
            await page.EvaluateAsync("spec => window.__monevLoad.arm(spec)", spec);
            await click();
            // An int: Playwright hands a .NET float to the page as a value setTimeout reads as a few milliseconds.
            var outcome = await page.EvaluateAsync<ProbeOutcome>("t => window.__monevLoad.wait(t)", (int)TimeoutMs);
            OnIndicatorPage = onIndicator;
            LastFailure = outcome.Ms < 0 ? outcome.Why : null;
            return outcome.Ms < 0 ? null : outcome.Ms;
        }

        /// <summary>A screenshot of the page as it is, for a failure's message; never throws.</summary>
        public async Task<string> ScreenshotAsync(string path)
        {
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
                return path;
            }
            catch (PlaywrightException ex)
            {
                return $"(no screenshot: {ex.Message})";
            }
        }

        /// <summary>After a failed interaction: back to a known state, the dashboard of the measured quarter.</summary>
        public async Task RecoverAsync()
        {
            try
            {
                await OpenDashboardAsync();
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                // Left as it is; the next interaction on it fails and is counted too.
            }
            OnIndicatorPage = false;
        }
    }
}

/// <summary>What an official does on a dashboard page.</summary>
internal enum LoadInteraction
{
    Pillar,
    Owner,
    Year,
    YearToDate,
    OpenIndicator,
    BackToDashboard,
}

internal static class LoadInteractionNames
{
    public static string Key(this LoadInteraction kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());
}

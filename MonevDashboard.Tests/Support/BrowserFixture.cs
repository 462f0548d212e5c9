using Microsoft.Playwright;

namespace MonevDashboard.Tests.Support;

/// <summary>
/// One headless Debian Chromium for a test class, driven by Playwright. Never downloads a browser: when
/// /usr/bin/chromium is missing the tests fail and say how to install it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public AppServer App { get; private set; } = null!;

    public static string ScreenshotDirectory
    {
        get
        {
            var root = MonevDashboard.Data.DataServiceCollectionExtensions.FindSolutionRoot(AppContext.BaseDirectory);
            var dir = Path.Combine(root, "MonevDashboard.Tests", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    static BrowserFixture()
    {
        // One wait for every browser assertion, whichever test class loads first: a page of the busy 2-core CI machine
        // can take longer than Playwright's 5 s default to render, and an assertion ends as soon as it holds.
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("MONEV_CHROMIUM") ?? ChromiumPath;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {executable}. The browser tests need Debian's Chromium: " +
                "run `sudo apt-get install -y chromium` (or `bash .ci/run`, which installs it), " +
                "or set MONEV_CHROMIUM to another Chromium binary.");
        }
        App = new AppServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>
    /// A fresh browser context (own cookies) with a page of the given size, signed in as <paramref name="signInAs"/>
    /// (a demo account's e-mail, see <c>DemoAccounts</c>) unless null.
    /// </summary>
    public async Task<IPage> NewPageAsync(string? signInAs = DemoAdmin, int width = 1366, int height = 768, AppServer? app = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = (app ?? App).BaseAddress.ToString(),
            Locale = "id-ID",
            TimezoneId = "Asia/Jakarta",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        if (signInAs is not null)
        {
            await SignInAsync(page, signInAs);
        }
        return page;
    }

    public const string DemoAdmin = "admin@monev.go.id";
    public const string DemoPassword = "Monev#2026";

    /// <summary>Signs in through the real sign-in page.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = DemoPassword)
    {
        await page.GotoAsync("/masuk");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=signin-submit]");
        await page.WaitForURLAsync(url => !url.Contains("/masuk", StringComparison.Ordinal));
    }

    /// <summary>Opens a page and waits until Blazor's circuit is interactive, so clicks reach the server.</summary>
    public static async Task GotoInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        try
        {
            await page.WaitForSelectorAsync("#app-ready[data-interactive='true']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        }
        catch (TimeoutException ex)
        {
            // Say what the page showed instead: an error page or a sign-in form explains more than a timeout.
            await ScreenshotAsync(page, "failed-" + string.Concat(path.Where(char.IsLetterOrDigit)));
            var text = await page.Locator("body").InnerTextAsync();
            throw new TimeoutException($"{path} did not become interactive; it showed: {text[..Math.Min(600, text.Length)]}", ex);
        }
    }

    /// <summary>A screenshot of a failing step's page; never throws, so the step's own exception is the one reported.</summary>
    public static async Task TryScreenshotAsync(IPage page, string name)
    {
        try
        {
            await ScreenshotAsync(page, name);
        }
        catch (PlaywrightException)
        {
            // The page may be gone; the original failure matters more.
        }
    }

    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = fullPage });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}

using System.Globalization;
using Microsoft.Playwright;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

/// <summary>
/// Issue #16.15: the main tasks work by keyboard alone (Tab, Enter, Space, arrows, typing; no click, no fill), and the
/// control that has the focus shows it. Saving a figure changes data, so the class runs against its own app.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityKeyboardBrowserTests(BrowserFixture browser, AppServerFixture own) : IClassFixture<AppServerFixture>
{
    private const string Operator = "operator.kemendag@monev.go.id";
    private const string Leader = "pimpinan@monev.go.id";

    private readonly AppServer _app = own.App;

    [Fact]
    public async Task SigningInWorksByKeyboardWithAVisibleFocus()
    {
        var page = await browser.NewPageAsync(signInAs: null, app: _app);
        await page.GotoAsync("/masuk");

        await TabToAsync(page, "#email");
        await page.Keyboard.TypeAsync(Leader);
        await TabToAsync(page, "#password");
        await page.Keyboard.TypeAsync(BrowserFixture.DemoPassword);
        await TabToAsync(page, "[data-testid=signin-submit]");
        await BrowserFixture.ScreenshotAsync(page, "keyboard-signin-focus", fullPage: false);
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => !url.Contains("/masuk", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-testid=user-menu]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheDashboardIsFilteredByKeyboardWithAVisibleFocus()
    {
        var page = await browser.NewPageAsync(signInAs: Leader, app: _app);
        await BrowserFixture.GotoInteractiveAsync(page, "/?tahun=2026&tw=3");
        await Assertions.Expect(page.Locator("[data-testid=dashboard]")).ToHaveAttributeAsync("data-loading", "false");

        // The pillar list: Tab to it, arrow down to the first pillar; the address and the view follow.
        await TabToAsync(page, "[data-testid=filter-pillar] select");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.WaitForURLAsync(url => url.Contains("pilar=P1", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-testid=filter-pillar] select")).ToHaveValueAsync("P1");
        await BrowserFixture.ScreenshotAsync(page, "keyboard-dashboard-filter", fullPage: false);

        // The reset button is reached and pressed by keyboard too.
        await TabToAsync(page, "[data-testid=filter-reset]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("pilar=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFigureIsEnteredAndSavedByKeyboardWithAVisibleFocus()
    {
        var page = await browser.NewPageAsync(signInAs: Operator, app: _app);
        await BrowserFixture.GotoInteractiveAsync(page, "/entri?tahun=2026&tw=3&kementerian=Kemendag");
        await page.WaitForSelectorAsync("[data-testid=entry-status]");

        // The first cell the operator may write in, reached by Tab; the figure is typed over what it held.
        const string editable = "input.entry-input:not([readonly])";
        await TabToAsync(page, editable);
        var cell = await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('data-cell')");
        var code = await page.EvaluateAsync<string>("() => document.activeElement.closest('[data-code]').getAttribute('data-code')");
        var before = await page.EvaluateAsync<string>("() => document.activeElement.value");
        var typed = (ParseIndonesian(before) + 1).ToString(CultureInfo.GetCultureInfo("id-ID"));
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(typed);
        await BrowserFixture.ScreenshotAsync(page, "keyboard-entry-typed", fullPage: false);
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("[data-testid=dirty-count]")).ToContainTextAsync("1 perubahan");

        // A jump warning asks for a confirmation: a checkbox, ticked with Space.
        if (await page.Locator("[data-testid=confirm-jumps]").CountAsync() > 0)
        {
            await TabToAsync(page, "[data-testid=confirm-jumps] input");
            await page.Keyboard.PressAsync("Space");
        }
        // The reason for the change, where the page asks for one, is typed in its field.
        if (await page.Locator("[data-testid=change-reason]").CountAsync() > 0)
        {
            await TabToAsync(page, "input[data-testid=change-reason], [data-testid=change-reason] input");
            await page.Keyboard.TypeAsync("Dikoreksi sesuai laporan Dinas");
        }
        await TabToAsync(page, "[data-testid=save-draft]");
        await page.Keyboard.PressAsync("Enter");
        try
        {
            await Assertions.Expect(page.Locator("[data-testid=dirty-count]")).ToHaveTextAsync("0 perubahan belum disimpan");
        }
        catch (PlaywrightException)
        {
            await BrowserFixture.TryScreenshotAsync(page, "failed-keyboard-entry-save");
            throw;
        }

        // Saved: a fresh page shows the figure.
        await BrowserFixture.GotoInteractiveAsync(page, "/entri?tahun=2026&tw=3&kementerian=Kemendag");
        var saved = page.Locator($"[data-code='{code}'] input[data-cell='{cell}']");
        await Assertions.Expect(saved).Not.ToHaveValueAsync(before);
        Assert.Equal(ParseIndonesian(before) + 1, ParseIndonesian(await saved.InputValueAsync()));
    }

    [Fact]
    public async Task TheSlidesRunByKeyboardWithAVisibleFocus()
    {
        var page = await browser.NewPageAsync(signInAs: Leader, app: _app);
        await BrowserFixture.GotoInteractiveAsync(page, "/tinjauan/presentasi?tahun=2026&tw=3");
        var frame = page.Locator("[data-testid=presentation]");
        await Assertions.Expect(frame).ToBeFocusedAsync();

        // Arrows on the slide.
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(frame).ToHaveAttributeAsync("data-slide", "1");
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(frame).ToHaveAttributeAsync("data-slide", "2");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(frame).ToHaveAttributeAsync("data-slide", "1");
        await AssertFocusVisibleAsync(page);

        // The bar's buttons: Tab to "next" and press Enter, then Space; each press moves one slide.
        await TabToAsync(page, "[data-testid=slide-next]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(frame).ToHaveAttributeAsync("data-slide", "2");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(frame).ToHaveAttributeAsync("data-slide", "3");
        await AssertFocusVisibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "keyboard-slides-next", fullPage: false);
    }

    /// <summary>
    /// Presses Tab until the focused element matches <paramref name="selector"/>, checking at each stop that the
    /// focus is visible; fails if the element is never reached.
    /// </summary>
    private static async Task TabToAsync(IPage page, string selector, int maxPresses = 800)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement !== null && document.activeElement.matches(s)", selector))
            {
                await AssertFocusVisibleAsync(page);
                return;
            }
        }
        Assert.Fail($"{selector} was not reached with {maxPresses} presses of Tab.");
    }

    /// <summary>The focused element is focus-visible and draws a ring: a computed outline (style and width) or a box shadow.</summary>
    private static async Task AssertFocusVisibleAsync(IPage page)
    {
        var focus = await page.EvaluateAsync<FocusStyle>("""
            () => {
              const el = document.activeElement;
              const style = getComputedStyle(el);
              return {
                element: el.outerHTML.slice(0, 160),
                focusVisible: el.matches(':focus-visible'),
                outlineStyle: style.outlineStyle,
                outlineWidth: parseFloat(style.outlineWidth) || 0,
                outlineColor: style.outlineColor,
                boxShadow: style.boxShadow,
              };
            }
            """);
        Assert.True(focus.FocusVisible, $"The focus on {focus.Element} is not :focus-visible.");
        var outlined = focus.OutlineStyle != "none" && focus.OutlineWidth >= 1 && !focus.OutlineColor.EndsWith(", 0)", StringComparison.Ordinal);
        Assert.True(outlined || focus.BoxShadow != "none",
            $"The focused {focus.Element} shows no focus ring (outline {focus.OutlineStyle} {focus.OutlineWidth}px {focus.OutlineColor}, box-shadow {focus.BoxShadow}).");
    }

    private static decimal ParseIndonesian(string text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : decimal.Parse(text.Replace(".", "", StringComparison.Ordinal).Replace(',', '.'), CultureInfo.InvariantCulture);

    private sealed class FocusStyle
    {
        public string Element { get; set; } = "";
        public bool FocusVisible { get; set; }
        public string OutlineStyle { get; set; } = "";
        public double OutlineWidth { get; set; }
        public string OutlineColor { get; set; } = "";
        public string BoxShadow { get; set; } = "";
    }
}

using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

/// <summary>
/// Issue #16.15: every page, seen by a role that may open it, passes axe-core's WCAG 2.1 A/AA rules with no serious or
/// critical violation. A failure lists each offending node (rule, target, html) so it can be fixed where it is made.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(BrowserFixture browser)
{
    private const string Operator = "operator.kemendag@monev.go.id";
    private const string Verifier = "verifikator.kemendag@monev.go.id";
    private const string Leader = "pimpinan@monev.go.id";
    private const string Viewer = "viewer@monev.go.id";

    /// <summary>Each page of the navigation (and the pages reached from it), with a role that sees it.</summary>
    public static TheoryData<string, string> Pages() => new()
    {
        { BrowserFixture.DemoAdmin, "/?tahun=2026&tw=3" },
        { Viewer, "/?tahun=2026&tw=3&pemilik=kemendag" },
        { BrowserFixture.DemoAdmin, "/indikator" },
        { BrowserFixture.DemoAdmin, "/indikator/P1-PMI-TRAINED" },
        { BrowserFixture.DemoAdmin, "/indikator/P3-REMITTANCE" },
        { Leader, "/tinjauan?tahun=2026&tw=3" },
        { Leader, "/tinjauan?tahun=2026&tw=3&tab=1" },
        { Leader, "/tinjauan?tahun=2026&tw=3&tab=2" },
        { Leader, "/tinjauan/presentasi?tahun=2026&tw=3" },
        { Leader, "/tinjauan/paket?tahun=2026&tw=3" },
        { BrowserFixture.DemoAdmin, "/laporan?tahun=2026&tw=3" },
        { Operator, "/entri?tahun=2026&tw=3&kementerian=Kemendag" },
        { Verifier, "/entri?tahun=2026&tw=3&kementerian=Kemendag" },
        { Operator, "/impor" },
        { Operator, "/impor/riwayat" },
        { Verifier, "/audit" },
        { BrowserFixture.DemoAdmin, "/admin/pengguna" },
        { BrowserFixture.DemoAdmin, "/admin/periode" },
        { BrowserFixture.DemoAdmin, "/admin/indikator" },
        { BrowserFixture.DemoAdmin, "/admin/target?tahun=2026" },
        { BrowserFixture.DemoAdmin, "/admin/pengaturan" },
        { Viewer, "/admin/pengguna" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPageHasNoSeriousOrCriticalWcagViolation(string email, string path)
    {
        var page = await browser.NewPageAsync(signInAs: email);
        await BrowserFixture.GotoInteractiveAsync(page, path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await AssertNoSeriousViolationsAsync(page, $"{email} {path}");
    }

    [Fact]
    public async Task TheSignInPageHasNoSeriousOrCriticalWcagViolation()
    {
        var page = await browser.NewPageAsync(signInAs: null);
        await page.GotoAsync("/masuk");
        await AssertNoSeriousViolationsAsync(page, "/masuk");

        // And with the error it shows after a wrong password.
        await page.FillAsync("#email", Viewer);
        await page.FillAsync("#password", "Salah#12345");
        await page.ClickAsync("[data-testid=signin-submit]");
        await Assertions.Expect(page.Locator("[data-testid=signin-error]")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page, "/masuk (wrong password)");
    }

    /// <summary>The pages rendered on the server alone (no circuit): sign-in, a forced password change, an unknown address.</summary>
    [Theory]
    [InlineData(Viewer, "/akun/kata-sandi")]
    [InlineData(Viewer, "/halaman-yang-tidak-ada")]
    public async Task StaticPagesHaveNoSeriousOrCriticalWcagViolation(string email, string path)
    {
        var page = await browser.NewPageAsync(signInAs: email);
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await AssertNoSeriousViolationsAsync(page, $"{email} {path}");
    }

    /// <summary>The WCAG 2.1 A/AA rules axe-core runs.</summary>
    private static readonly AxeRunOptions WcagRules = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>Runs axe on the page as it is now and fails listing every serious or critical node.</summary>
    internal static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe(WcagRules);
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (serious.Count == 0)
        {
            return;
        }
        await BrowserFixture.TryScreenshotAsync(page, "failed-axe-" + string.Concat(what.Where(char.IsLetterOrDigit)));
        var message = new StringBuilder($"{what}: {serious.Sum(v => v.Nodes.Length)} serious/critical axe node(s)");
        foreach (var violation in serious)
        {
            foreach (var node in violation.Nodes)
            {
                message.Append('\n').Append($"- {violation.Id} ({violation.Impact}) at {node.Target}: {node.Html}");
                foreach (var check in (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Take(1))
                {
                    message.Append("\n    ").Append(check.Message);
                }
            }
        }
        Assert.Fail(message.ToString());
    }
}

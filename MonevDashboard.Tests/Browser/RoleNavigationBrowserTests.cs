using MonevDashboard.Data;
using Microsoft.Playwright;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Auth;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class RoleNavigationBrowserTests(BrowserFixture browser)
{
    /// <summary>The sections each demo role's navigation shows, by their data-nav ids.</summary>
    public static TheoryData<string, string[]> RoleSections() => new()
    {
        { "admin@monev.go.id", ["dasbor", "indikator", "tinjauan", "laporan", "entri", "impor", "impor-riwayat", "audit", "pengguna", "periode", "admin-indikator", "target", "pengaturan"] },
        { "operator.kemendag@monev.go.id", ["dasbor", "indikator", "tinjauan", "laporan", "entri", "impor", "impor-riwayat"] },
        { "operator.kp2mi@monev.go.id", ["dasbor", "indikator", "tinjauan", "laporan", "entri", "impor", "impor-riwayat"] },
        { "verifikator.kemendag@monev.go.id", ["dasbor", "indikator", "tinjauan", "laporan", "entri", "audit"] },
        { "verifikator.kp2mi@monev.go.id", ["dasbor", "indikator", "tinjauan", "laporan", "entri", "audit"] },
        { "pimpinan@monev.go.id", ["dasbor", "indikator", "tinjauan", "laporan", "audit"] },
        { "viewer@monev.go.id", ["dasbor", "indikator", "tinjauan", "laporan"] },
    };

    [Theory]
    [MemberData(nameof(RoleSections))]
    public async Task EachRoleSeesExactlyItsSectionsAndForbiddenPagesSayNoAccess(string email, string[] sections)
    {
        var page = await browser.NewPageAsync(signInAs: email);
        await BrowserFixture.GotoInteractiveAsync(page, "/indikator");

        var shown = await page.Locator("[data-testid=nav] [data-nav]").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-nav'))");
        Assert.Equal(sections.Order(), shown.Order());
        var role = DemoAccounts.All.Single(a => a.Email == email).Role;
        await BrowserFixture.ScreenshotAsync(page, $"home-{role.ToLowerInvariant()}");

        if (role != Roles.Admin)
        {
            await page.GotoAsync("/admin/pengguna");
            await Assertions.Expect(page.Locator("[data-testid=no-access]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tidak ada akses");
            Assert.Equal(0, await page.Locator("[data-testid=users-table]").CountAsync());
        }
    }

    [Fact]
    public async Task SignInPageLooksRightAndWrongPasswordSaysSo()
    {
        var page = await browser.NewPageAsync(signInAs: null);
        await page.GotoAsync("/indikator");
        await page.WaitForURLAsync(url => url.Contains("/masuk?returnUrl=%2Findikator", StringComparison.Ordinal));
        await BrowserFixture.ScreenshotAsync(page, "signin");

        await page.FillAsync("#email", "viewer@monev.go.id");
        await page.FillAsync("#password", "Salah#12345");
        await page.ClickAsync("[data-testid=signin-submit]");
        await Assertions.Expect(page.Locator("[data-testid=signin-error]")).ToHaveTextAsync("Email atau kata sandi salah.");

        await page.FillAsync("#email", "viewer@monev.go.id");
        await page.FillAsync("#password", DemoAccounts.Password);
        await page.ClickAsync("[data-testid=signin-submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/indikator", StringComparison.Ordinal));
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Auth;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AccountBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task AUserWhoMustChangeTheirPasswordSeesOnlyTheChangePageUntilTheyDoThenProceeds()
    {
        var email = $"baru-{Guid.NewGuid():N}@monev.go.id";
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<MonevUser>>();
            var user = new MonevUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Pegawai Baru", MustChangePassword = true };
            Assert.True((await users.CreateAsync(user, "Awal#12345")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Admin)).Succeeded);
        }
        var page = await browser.NewPageAsync(signInAs: null);
        await BrowserFixture.SignInAsync(page, email, "Awal#12345");
        Assert.Contains("/akun/kata-sandi", page.Url, StringComparison.Ordinal);

        foreach (var path in new[] { "/", "/admin/pengguna", "/entri", "/audit" })
        {
            await page.GotoAsync(path);
            Assert.Contains("/akun/kata-sandi", page.Url, StringComparison.Ordinal);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Ganti kata sandi");
        }
        await BrowserFixture.ScreenshotAsync(page, "must-change-password");

        await page.FillAsync("#current", "Awal#12345");
        await page.FillAsync("#new", "Baru#67890x");
        await page.FillAsync("#confirm", "Baru#67890x");
        await page.ClickAsync("button[type=submit].account-button");
        await page.WaitForURLAsync(url => url.EndsWith("/audit", StringComparison.Ordinal));
        await BrowserFixture.GotoInteractiveAsync(page, "/admin/pengguna");
        await Assertions.Expect(page.Locator("[data-testid=users-table]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SigningOutFromTheUserMenuPostsTheFormWithItsTokenEndsTheSessionAndIsAudited()
    {
        var page = await browser.NewPageAsync(signInAs: "viewer@monev.go.id");
        await BrowserFixture.GotoInteractiveAsync(page, "/indikator");

        await page.Locator("[data-testid=user-menu] button", new() { HasTextString = "Staf Pembaca" }).ClickAsync();
        await page.Locator(".mud-popover-open [data-testid=user-role]").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "user-menu-open", fullPage: false);
        await page.Locator(".mud-popover-open [data-testid=signout]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/masuk", StringComparison.Ordinal));
        await page.GotoAsync("/indikator");

        Assert.Contains("/masuk", page.Url, StringComparison.Ordinal);
        await using var scope = browser.App.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MonevDbContext>>().CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == MonevUserAudit.SignOut && a.UserName == "viewer@monev.go.id"));
    }
}

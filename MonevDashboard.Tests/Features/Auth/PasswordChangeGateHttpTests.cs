using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Auth;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Auth;

/// <summary>
/// The real app over HTTP: a user flagged "must change password" gets only the change-password page from every
/// route, no hub connection, until the password is changed; sign-out is an audited POST with antiforgery.
/// </summary>
public sealed partial class PasswordChangeGateHttpTests(AppServerFixture fixture) : IClassFixture<AppServerFixture>
{
    private const string FirstPassword = "Awal#12345";
    private const string NewPassword = "Baru#67890x";

    private readonly AppServer _app = fixture.App;

    [Theory]
    [InlineData("/")]
    [InlineData("/indikator")]
    [InlineData("/indikator/P3-UMKM-FACILITATED")]
    [InlineData("/entri")]
    [InlineData("/laporan")]
    [InlineData("/audit")]
    [InlineData("/admin/pengguna")]
    [InlineData("/tinjauan")]
    [InlineData("/akses-ditolak")]
    [InlineData("/tidak-ada-halaman-ini")]
    public async Task AUserWhoMustChangeTheirPasswordIsSentToTheChangePasswordPageFromEveryRoute(string path)
    {
        var (client, _) = await SignedInFlaggedUserAsync();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/akun/kata-sandi?returnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AUserWhoMustChangeTheirPasswordGetsNoHubConnectionAndNoOtherMethodButTheChangePageStillWorks()
    {
        var (client, _) = await SignedInFlaggedUserAsync();

        var negotiate = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        var connect = await client.GetAsync("/_blazor?id=x");
        var post = await client.PostAsync("/entri", new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }));
        var changePage = await client.GetAsync("/akun/kata-sandi");
        var health = await client.GetAsync("/health");
        var asset = await client.GetAsync("/favicon.svg");

        Assert.Equal(HttpStatusCode.Forbidden, negotiate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, connect.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changePage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
    }

    [Fact]
    public async Task AfterTheChangeTheFlagIsClearedAndTheUserProceeds()
    {
        var (client, email) = await SignedInFlaggedUserAsync();
        var form = await client.GetStringAsync("/akun/kata-sandi?returnUrl=%2Findikator");

        var changed = await client.PostAsync("/akun/kata-sandi?returnUrl=%2Findikator", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = Token(form),
            ["Input.Current"] = FirstPassword,
            ["Input.New"] = NewPassword,
            ["Input.Confirm"] = NewPassword,
            ["Input.ReturnUrl"] = "/indikator",
        }));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.EndsWith("/indikator", changed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/indikator")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
        await using var scope = _app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MonevDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Users.Where(u => u.Email == email).Select(u => u.MustChangePassword).SingleAsync());
        Assert.Equal(MonevUserAudit.PasswordChange,
            await db.AuditEntries.Where(a => a.EntityKey == email && a.UserName == email && a.Action != "SignIn").Select(a => a.Action).SingleAsync());
    }

    [Fact]
    public async Task SignOutIsAnAuditedPostThatNeedsTheAntiforgeryToken()
    {
        var email = await CreateUserAsync(mustChange: false);
        using var client = Client();
        await SignInAsync(client, email, FirstPassword);
        var token = Token(await client.GetStringAsync("/akun/kata-sandi"));

        var forged = await client.PostAsync("/keluar", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/indikator")).StatusCode);
        Assert.Empty(await SignOutsOfAsync(email));

        var signedOut = await client.PostAsync("/keluar", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/masuk", signedOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/indikator")).StatusCode);
        Assert.Equal([email], await SignOutsOfAsync(email));
    }

    private async Task<List<string>> SignOutsOfAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MonevDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.Where(a => a.Action == MonevUserAudit.SignOut && a.EntityKey == email).Select(a => a.UserName).ToListAsync();
    }

    private async Task<(HttpClient Client, string Email)> SignedInFlaggedUserAsync()
    {
        var email = await CreateUserAsync(mustChange: true);
        var client = Client();
        var signIn = await SignInAsync(client, email, FirstPassword);
        Assert.Contains("/akun/kata-sandi", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return (client, email);
    }

    /// <summary>An Admin, so that nothing but the flag stands between the user and any page.</summary>
    private async Task<string> CreateUserAsync(bool mustChange)
    {
        var email = $"gate-{Guid.NewGuid():N}@monev.go.id";
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MonevUser>>();
        var user = new MonevUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Gate", MustChangePassword = mustChange };
        Assert.True((await users.CreateAsync(user, FirstPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Admin)).Succeeded);
        return email;
    }

    private HttpClient Client() => new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        CookieContainer = new CookieContainer(),
        UseCookies = true,
    })
    { BaseAddress = _app.BaseAddress };

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/masuk");
        var response = await client.PostAsync("/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = Token(form),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private static string Token(string html) => SignInForm.Token(html);
}

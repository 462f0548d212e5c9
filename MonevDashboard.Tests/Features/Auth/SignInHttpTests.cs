using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Data;
using MonevDashboard.Features.Auth;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Auth;

/// <summary>The real app over HTTP: the fallback policy, the open health check, antiforgery and lockout.</summary>
public sealed partial class SignInHttpTests(AppServerFixture fixture) : IClassFixture<AppServerFixture>
{
    private readonly AppServer _app = fixture.App;

    private HttpClient Client(CookieContainer? cookies = null) => new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        CookieContainer = cookies ?? new CookieContainer(),
        UseCookies = true,
    })
    { BaseAddress = _app.BaseAddress };

    [Theory]
    [InlineData("/")]
    [InlineData("/indikator")]
    [InlineData("/admin/pengguna")]
    public async Task AnonymousRequestIsRedirectedToSignInWithReturnUrl(string path)
    {
        using var client = Client();
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/masuk?returnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task HealthAndSignInPageAreOpenAndCarrySecurityHeaders()
    {
        using var client = Client();
        var health = await client.GetAsync("/health");
        var signIn = await client.GetAsync("/masuk");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("DENY", signIn.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", signIn.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", signIn.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.True(signIn.Headers.Contains("Referrer-Policy"));
    }

    [Fact]
    public async Task SignInFormWithoutAntiforgeryTokenIsRefused()
    {
        using var client = Client();
        var response = await client.PostAsync("/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["Input.Email"] = DemoAccounts.All[0].Email,
            ["Input.Password"] = DemoAccounts.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("monev.auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CorrectPasswordSignsInAndReturnsToTheAskedPage()
    {
        using var client = Client();
        var response = await PostSignInAsync(client, "viewer@monev.go.id", DemoAccounts.Password, "/indikator");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/indikator", response.Headers.Location!.OriginalString.Replace(_app.BaseAddress.ToString().TrimEnd('/'), "", StringComparison.Ordinal));
        var page = await client.GetAsync("/indikator");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task FiveFailuresLockTheAccountAndEveryAttemptIsAudited()
    {
        using var client = Client();
        for (var i = 0; i < 5; i++)
        {
            var failed = await PostSignInAsync(client, "pimpinan@monev.go.id", "wrong-Password1!");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }
        var sixth = await PostSignInAsync(client, "pimpinan@monev.go.id", DemoAccounts.Password);
        var html = await sixth.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Contains("dikunci sementara", html, StringComparison.Ordinal);
        await using var scope = _app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MonevDbContext>>().CreateDbContextAsync();
        var actions = await db.AuditEntries.Where(a => a.UserName == "pimpinan@monev.go.id" && a.EntityType == "User")
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["SignInFailed", "SignInFailed", "SignInFailed", "SignInFailed", "LockedOut", "LockedOut"], actions);
        Assert.DoesNotContain(await db.AuditEntries.Select(a => a.NewValues ?? "").ToListAsync(), v => v.Contains("wrong-Password", StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password, string? returnUrl = null) =>
        SignInForm.PostAsync(client, email, password, returnUrl);
}

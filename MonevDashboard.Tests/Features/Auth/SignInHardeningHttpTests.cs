using MonevDashboard.Tests.Support;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Data;
using MonevDashboard.Features.Auth;

namespace MonevDashboard.Tests.Features.Auth;

/// <summary>
/// The sign-in form and the app's edges over real HTTP (Kestrel on loopback), each test with its own server and
/// limits: rate limits per address and per account, length caps, and what Production sends behind a TLS proxy.
/// </summary>
public sealed partial class SignInHardeningHttpTests
{
    [Fact]
    public async Task TheEleventhSignInPostFromOneAddressInAMinuteIsAnswered429InIndonesian()
    {
        await using var server = new EdgeServer("Testing", new() { ["Monev:SignIn:PermitPerAccount"] = "1000" });
        using var client = server.Client();
        for (var i = 0; i < 10; i++)
        {
            var allowed = await PostSignInAsync(client, $"orang{i}@contoh.go.id", "Salah-Sandi1!");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        var refused = await PostSignInAsync(client, "lain@contoh.go.id", "Salah-Sandi1!");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Terlalu banyak percobaan masuk", html, StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Equal(10, await server.AuditCountAsync());
    }

    [Fact]
    public async Task AttemptsForOneAccountAreLimitedWhateverTheAccountAndTheMessageSaysNothingOfIt()
    {
        await using var server = new EdgeServer("Testing", new() { ["Monev:SignIn:PermitPerAccount"] = "3", ["Monev:SignIn:PermitPerAddress"] = "1000" });
        using var client = server.Client();
        foreach (var email in new[] { "viewer@monev.go.id", "tidak-ada@monev.go.id" })
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await PostSignInAsync(client, email, "Salah-Sandi1!")).StatusCode);
            }
        }

        var existing = await PostSignInAsync(client, "viewer@monev.go.id", "Salah-Sandi1!");
        var unknown = await PostSignInAsync(client, "tidak-ada@monev.go.id", "Salah-Sandi1!");
        var other = await PostSignInAsync(client, "pimpinan@monev.go.id", "Salah-Sandi1!");

        Assert.Equal(HttpStatusCode.TooManyRequests, existing.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(ErrorText(await existing.Content.ReadAsStringAsync()), ErrorText(await unknown.Content.ReadAsStringAsync()));
        Assert.Contains("Terlalu banyak percobaan masuk", ErrorText(await existing.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFourMegabyteEmailIsRefusedUnreadAndALongOneIsStoredOnlyCut()
    {
        await using var server = new EdgeServer("Testing");
        using var client = server.Client();

        var huge = await PostSignInAsync(client, new string('a', 4 * 1024 * 1024) + "@contoh.go.id", "Salah-Sandi1!");
        var long300 = await PostSignInAsync(client, new string('b', 300) + "@contoh.go.id", "Salah-Sandi1!");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.OK, long300.StatusCode);
        Assert.Contains("Email atau kata sandi salah", await long300.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await server.AuditUserNamesAsync();
        var entry = Assert.Single(stored);
        Assert.True(entry.Length <= SignInLimits.AuditedEmailLength, $"{entry.Length} characters stored");
        Assert.StartsWith("bbbb", entry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAccountIsLockedOutLikeAKnownOneSoTheMessageNeverTellsWhichExists()
    {
        await using var server = new EdgeServer("Testing", new() { ["Monev:SignIn:PermitPerAccount"] = "1000", ["Monev:SignIn:PermitPerAddress"] = "1000" });
        using var client = server.Client();
        string Sixth(string html) => ErrorText(html);
        var answers = new List<string>();
        foreach (var email in new[] { "viewer@monev.go.id", "tidak-ada@monev.go.id" })
        {
            HttpResponseMessage last = null!;
            for (var i = 0; i < 6; i++)
            {
                last = await PostSignInAsync(client, email, "Salah-Sandi1!");
            }
            answers.Add(Sixth(await last.Content.ReadAsStringAsync()));
        }

        Assert.Equal(answers[0], answers[1]);
        Assert.Contains("dikunci sementara", answers[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductionBehindATlsProxySendsHstsAndSecureStrictHttpOnlyCookies()
    {
        await using var server = new EdgeServer("Production", new() { ["Monev:DemoData"] = "false" });
        await server.CreateAdminAsync("admin@kementerian.go.id", "Produksi-Rahasia1!");
        // As the proxy forwards it: the public host name, HTTPS at the proxy, the client's address. Cookies are carried
        // by hand, since a cookie container would not send Secure cookies over the test's plain-HTTP hop.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Host = "monev.kementerian.go.id";
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "10.20.30.40");

        var page = await client.GetAsync("/masuk");
        var token = SignInForm.Token(await page.Content.ReadAsStringAsync());
        using var post = new HttpRequestMessage(HttpMethod.Post, "/masuk")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "signin",
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = "admin@kementerian.go.id",
                ["Input.Password"] = "Produksi-Rahasia1!",
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        var signIn = await client.SendAsync(post);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("max-age=", page.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        AssertHardened(antiforgery);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        AssertHardened(signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("monev.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DevelopmentOnPlainHttpSendsNoHstsAndCookiesWithoutTheSecureFlag()
    {
        await using var server = new EdgeServer("Development");
        using var client = server.Client();

        var page = await client.GetAsync("/masuk");

        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheContentSecurityPolicyConnectsToTheAppsOwnOriginOnly()
    {
        await using var server = new EdgeServer("Testing");
        using var client = server.Client();

        var page = await client.GetAsync("/masuk");

        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        var connect = policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("connect-src", StringComparison.Ordinal));
        Assert.Equal("connect-src 'self'", connect);
        Assert.DoesNotContain("ws:", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("wss:", policy, StringComparison.Ordinal);
    }

    private static void AssertHardened(string setCookie)
    {
        var attributes = setCookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
    }

    private static string ErrorText(string html) => SignInError().Match(html).Groups[1].Value;

    private static Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password) =>
        SignInForm.PostAsync(client, email, password);

    [GeneratedRegex("data-testid=\"signin-error\">([^<]*)<")]
    private static partial Regex SignInError();

    /// <summary>The real app on a loopback port in a chosen environment, with its own database and settings.</summary>
    private sealed class EdgeServer : WebApplicationFactory<Program>
    {
        // On the suite's provider, as every test database.
        private readonly DatabaseLocation _database = AppServer.NewDatabase();
        private readonly string _environment;
        private readonly Dictionary<string, string> _settings;

        public EdgeServer(string environment, Dictionary<string, string>? settings = null)
        {
            _environment = environment;
            _settings = settings ?? [];
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            StartServer();
            BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }

        public Uri BaseAddress { get; }

        public HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = BaseAddress,
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(_environment);
            builder.UseSetting(DatabaseLocation.ProviderKey, _database.Provider.ToString());
            builder.UseSetting("ConnectionStrings:" + DatabaseLocation.ConnectionStringName, _database.ConnectionString);
            builder.UseSetting("Monev:DemoData", "true");
            foreach (var (key, value) in _settings)
            {
                builder.UseSetting(key, value);
            }
        }

        public async Task CreateAdminAsync(string email, string password)
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AccountService>().CreateFirstAdminAsync(email, password);
        }

        private async Task<List<string>> SignInAuditAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<MonevDbContext>>().CreateDbContextAsync();
            return await db.AuditEntries.Where(a => a.EntityType == "User" && a.Action.StartsWith("SignIn")).Select(a => a.UserName).ToListAsync();
        }

        public async Task<int> AuditCountAsync() => (await SignInAuditAsync()).Count;

        public Task<List<string>> AuditUserNamesAsync() => SignInAuditAsync();

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await AppServer.DeleteDatabaseAsync(_database);
        }
    }
}

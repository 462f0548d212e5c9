using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MonevDashboard.Data;
using MonevDashboard.Features.Auth;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Auth;

/// <summary>
/// The cookie and antiforgery keys live in the app's database (docs/decisions/data-protection-keys.md): made only
/// after the database is migrated, kept across restarts, encrypted at rest when a certificate is configured.
/// </summary>
public sealed class DataProtectionKeysTests
{
    [Fact]
    public async Task TheDatabaseIsMigratedBeforeTheFirstKeyIsMadeAndTheKeyIsStoredInIt()
    {
        var log = new CapturingLoggerProvider();
        await using var app = new AppServer(services => services.AddSingleton<ILoggerProvider>(log));

        // Hosted services start in this order: data protection's own loads (and on a new database creates) the key ring.
        var hosted = app.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();
        var initializer = hosted.IndexOf(nameof(DatabaseInitializerHostedService));
        var dataProtection = hosted.IndexOf("DataProtectionHostedService");
        Assert.True(initializer >= 0 && dataProtection >= 0, string.Join(", ", hosted));
        Assert.True(initializer < dataProtection, "Hosted services in start order: " + string.Join(", ", hosted));

        await using var db = app.Database.CreateContext();
        var key = Assert.Single(await db.DataProtectionKeys.ToListAsync());
        Assert.StartsWith("<key ", key.Xml, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal)
            && e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task ASignInCookieStillOpensThePagesAfterTheAppRestarts()
    {
        var database = AppServer.NewDatabase();
        try
        {
            var cookies = new CookieContainer();
            await using (var first = new AppServer(database: database))
            {
                using var client = Client(first, cookies);
                var signIn = await SignInForm.PostAsync(client, "viewer@monev.go.id", DemoAccounts.Password);
                Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/indikator")).StatusCode);
            }

            await using var restarted = new AppServer(database: database);
            using var again = Client(restarted, cookies);
            var page = await again.GetAsync("/indikator");

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            await using var db = database.CreateContext();
            Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
        }
        finally
        {
            await AppServer.DeleteDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task WithACertificateConfiguredTheStoredKeyIsEncryptedAndStillSignsIn()
    {
        var folder = Directory.CreateTempSubdirectory("monev-cert-").FullName;
        try
        {
            var pfx = Path.Combine(folder, "keys-cert.pfx");
            using (var rsa = RSA.Create(2048))
            {
                var request = new CertificateRequest("CN=monev-keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
                await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "RAHASIA"));
            }
            await using var app = new AppServer(settings: new Dictionary<string, string?>
            {
                [WebEdges.DataProtectionSection + ":CertificatePath"] = pfx,
                [WebEdges.DataProtectionSection + ":CertificatePassword"] = "RAHASIA",
            });

            await using (var db = app.Database.CreateContext())
            {
                var xml = Assert.Single(await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync())!;
                Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("unencrypted form", xml, StringComparison.Ordinal);
            }
            using var client = Client(app, new CookieContainer());
            Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(client, "viewer@monev.go.id", DemoAccounts.Password)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/indikator")).StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static HttpClient Client(AppServer app, CookieContainer cookies) => new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        CookieContainer = cookies,
        UseCookies = true,
    })
    { BaseAddress = app.BaseAddress };
}

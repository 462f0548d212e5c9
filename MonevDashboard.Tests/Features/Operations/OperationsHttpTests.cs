using MonevDashboard.Data;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MonevDashboard.Features.Auth;
using MonevDashboard.Infrastructure;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Operations;

/// <summary>
/// The real app outside Development (the test host's "Testing" environment takes the production paths): health
/// endpoints, log events with their scopes, and the error page with a reference instead of the exception.
/// </summary>
public sealed partial class OperationsHttpTests : IAsyncLifetime, IDisposable
{
    private const string SecretExceptionText = "kolom-rahasia-tidak-boleh-tampil";
    private readonly CapturingLoggerProvider _log = new();
    private AppServer _app = null!;

    public Task InitializeAsync()
    {
        _app = new AppServer(services =>
        {
            services.AddSingleton<ILoggerProvider>(_log);
            services.AddSingleton<IStartupFilter>(new ThrowingPathFilter());
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public void Dispose() => _log.Dispose();

    private HttpClient Client(CookieContainer? cookies = null) => new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        CookieContainer = cookies ?? new CookieContainer(),
        UseCookies = true,
    })
    { BaseAddress = _app.BaseAddress };

    [Fact]
    public async Task LiveAndReadyAnswerAStatusWordWithoutSigningIn()
    {
        using var client = Client();

        foreach (var path in new[] { "/health/live", "/health/ready", "/health" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task WithTheDatabaseGoneReadyAnswers503WithoutExceptionTextWhileLiveStaysUp()
    {
        using var client = Client();
        if (_app.Database.IsPostgres)
        {
            await TestPostgres.DropDatabaseAsync(_app.Database.ConnectionString);
        }
        else
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_app.DatabasePath + suffix);
            }
        }

        var ready = await client.GetAsync("/health/ready");
        var health = await client.GetAsync("/health");
        var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        foreach (var body in new[] { await ready.Content.ReadAsStringAsync(), await health.Content.ReadAsStringAsync() })
        {
            Assert.Equal("Unhealthy", body);
        }
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        // The cause is in the log, for the operator.
        Assert.Contains(_log.Entries, e => e.EventId.Name == "DatabaseNotReady" && e.Exception is System.Data.Common.DbException);
    }

    [Fact]
    public async Task ARefusedSignInIsLoggedAsAnEventWithTheRequestId()
    {
        using var client = Client();

        await PostSignInAsync(client, "viewer@monev.go.id", "salah-sekali");

        var entry = Assert.Single(_log.Entries, e => e.EventId.Id == MonevLog.SignInRefusedId);
        Assert.Equal("SignInRefused", entry.EventId.Name);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("viewer@monev.go.id", entry.Message, StringComparison.Ordinal);
        Assert.True(entry.Scope.ContainsKey("RequestId"));
        Assert.Equal("-", entry.Scope["User"]);
    }

    [Fact]
    public async Task AnUnhandledErrorShowsAReferenceThatIsInTheLogAndNeverTheException()
    {
        using var client = Client();
        var signIn = await PostSignInAsync(client, "viewer@monev.go.id", DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var response = await client.GetAsync(ThrowingPathFilter.Path);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(SecretExceptionText, page, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", page, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        var reference = ReferenceText().Match(WebUtility.HtmlDecode(page));
        Assert.True(reference.Success, page);
        var logged = Assert.Single(_log.Entries, e => e.EventId.Id == MonevLog.UnhandledErrorId);
        Assert.Contains(reference.Groups[1].Value, logged.Message, StringComparison.Ordinal);
        Assert.Equal(SecretExceptionText, logged.Exception?.Message);
        Assert.Equal("viewer@monev.go.id", logged.Scope["User"]);
    }

    private static Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password) =>
        SignInForm.PostAsync(client, email, password);

    [GeneratedRegex(@"Nomor referensi: (\S+)")]
    private static partial Regex ReferenceText();

    /// <summary>
    /// A path no endpoint serves, whose request fails after the app's whole pipeline (exception handler, user scope)
    /// has run — as a bug deep in a page would.
    /// </summary>
    private sealed class ThrowingPathFilter : IStartupFilter
    {
        public const string Path = "/uji-galat";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, nextMiddleware) => context.Request.Path == Path
                ? throw new InvalidOperationException(SecretExceptionText)
                : nextMiddleware(context));
        };
    }
}

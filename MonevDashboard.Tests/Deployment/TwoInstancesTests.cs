using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Data;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Features.Settings;
using MonevDashboard.Figures;
using MonevDashboard.Tests.Support;

using static MonevDashboard.Tests.Features.ExcelImport.ImportWorkbooks;

namespace MonevDashboard.Tests.Deployment;

/// <summary>
/// Two app instances on one PostgreSQL database, as behind a proxy: a cookie made by one opens the other (the key ring
/// is in the database), what one writes the other shows, and settings have no per-process cache — a threshold saved on
/// one instance classifies the other's very next read (README "Several instances on one database").
/// </summary>
[Trait(TestPostgres.Trait, TestPostgres.PostgresOnly)]
public sealed class TwoInstancesTests(MultiInstanceFixture fixture) : IClassFixture<MultiInstanceFixture>
{
    private const string Admin = "admin@monev.go.id";

    // One pair of instances for the class: the import writes 2026 Q4 only, the thresholds test reads 2026 Q3, and the
    // sign-out ends only the viewer's own cookie.
    private readonly MultiInstanceServer _server = fixture.Server;

    [Fact]
    public async Task ASignInOnTheFirstInstanceIsValidOnTheSecondAndItsAntiforgeryTokenToo()
    {
        var cookies = new CookieContainer();
        using var first = Client(_server[0], cookies);
        using var second = Client(_server[1], cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/indikator")).StatusCode);

        var signIn = await SignInForm.PostAsync(first, "viewer@monev.go.id", DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(cookies.GetAllCookies(), c => c.Name == "monev.auth");

        var page = await second.GetAsync("/indikator");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // The user menu names whom the second instance found in the cookie.
        Assert.Contains("Staf Pembaca", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A form rendered by the first instance posts to the second: the antiforgery token opens there too.
        var token = SignInForm.Token(await first.GetStringAsync("/akun/kata-sandi"));
        var signOut = await second.PostAsync("/keluar", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/masuk", signOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync("/indikator")).StatusCode);

        // One key ring for both: neither instance made a key of its own.
        await using var db = _server.Database.CreateContext();
        Assert.Single(db.DataProtectionKeys);
    }

    [Fact]
    public async Task AWorkbookImportedOnTheFirstInstanceIsOnTheSecondInstancesDashboard()
    {
        // 2026 Q4 has no demo figures: whatever the second instance shows for it comes from this import.
        var filter = new FigureFilter(2026, 4);
        Assert.Null((await FigureOnAsync(_server[1], filter)).QuarterValue);
        var file = DataWorkbook(
            Row(HeadlineIndicators.PmiTrained, 2026, 4, "35", null, "P", 1200, source: "BP3MI Jawa Timur"),
            Row(HeadlineIndicators.PmiTrained, 2026, 4, "35", null, "L", 834, source: "BP3MI Jawa Timur"));

        await using (var scope = await _server[0].ScopeAsAsync(Admin))
        {
            var import = scope.ServiceProvider.GetRequiredService<ImportService>();
            var preview = await import.PreviewAsync(new MemoryStream(file), "jatim-tw4.xlsx", file.Length);
            Assert.False(preview.HasErrors, string.Join("\n", preview.Errors.Select(e => $"{e.Sheet}!{e.CellAddress} {e.Message}")));
            var result = await import.CommitAsync(preview);
            Assert.Equal(new ImportCounts(2, 2, 0, 0, 0), result.Observations);
        }

        var figure = await FigureOnAsync(_server[1], filter);
        Assert.Equal(2034, figure.QuarterValue);
        var byProvince = await FigureOnAsync(_server[1], filter with { ProvinceCode = "35", Sex = "P" });
        Assert.Equal(1200, byProvince.QuarterValue);
    }

    [Fact]
    public async Task ThresholdsSavedOnOneInstanceClassifyTheOthersNextRead()
    {
        // A quarter with figures and a target: its status under the demo's thresholds.
        var filter = new FigureFilter(2026, 3);
        var before = (await FigureOnAsync(_server[1], filter)).Achievement;
        var percent = Assert.IsType<double>(before.AchievementPercent);
        Assert.InRange(percent, 1, 900);
        // Thresholds that give this figure another colour than it has now.
        var (thresholds, expected) = before.Status == AchievementStatus.Critical
            ? (new StatusThresholds(percent / 2, percent / 4), AchievementStatus.OnTrack)
            : (new StatusThresholds(1000, 999), AchievementStatus.Critical);

        await using (var scope = await _server[0].ScopeAsAsync(Admin))
        {
            var settings = scope.ServiceProvider.GetRequiredService<SettingsService>();
            await settings.SaveThresholdsAsync(thresholds, await settings.GetThresholdSettingsAsync(), "Uji dua instans");
        }

        // No waiting: the second instance reads the thresholds from the database on every computation.
        var after = (await FigureOnAsync(_server[1], filter)).Achievement;
        Assert.Equal((percent, expected), (after.AchievementPercent!.Value, after.Status));
    }

    private static async Task<IndicatorFigure> FigureOnAsync(AppServer instance, FigureFilter filter)
    {
        await using var scope = await instance.ScopeAsAsync(Admin);
        var figures = scope.ServiceProvider.GetRequiredService<FigureQueryService>();
        return await figures.GetIndicatorFigureAsync(filter, HeadlineIndicators.PmiTrained)
            ?? throw new InvalidOperationException($"{HeadlineIndicators.PmiTrained} has no figure on {instance.BaseAddress}.");
    }

    private static HttpClient Client(AppServer app, CookieContainer cookies) => new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        CookieContainer = cookies,
        UseCookies = true,
    })
    { BaseAddress = app.BaseAddress };
}

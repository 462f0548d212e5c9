using MonevDashboard.Domain.Access;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.Periods;
using MonevDashboard.Figures;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.QuarterlyReview;

/// <summary>A reviewed quarter's figures as frozen at the review beside the current ones (issue 16, 9b).</summary>
public sealed class ReviewedFiguresTests : IAsyncLifetime
{
    private static readonly YearQuarter s_q3 = new(2026, 3);
    private static readonly UserAccess s_admin = TestUser.As("admin@x", Roles.Admin);
    private const string Umkm = "P3-UMKM-FACILITATED";
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(demoData: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _db.Scope(s_admin);
        return await action(scope.ServiceProvider);
    }

    private static T Get<T>(IServiceProvider sp) where T : notnull => (T)sp.GetService(typeof(T))!;

    private Task<IReadOnlyList<IndicatorFigure>> CurrentAsync() =>
        AsAdminAsync(sp => Get<FigureQueryService>(sp).GetIndicatorFiguresAsync(new FigureFilter(2026, 3)));

    /// <summary>Locks (freezes), unlocks and corrects Jawa Timur's UMKM figure.</summary>
    private async Task ReviewThenCorrectAsync(Func<double, double> correct)
    {
        await AsAdminAsync(async sp => { await Get<PeriodService>(sp).LockAsync(s_q3); return 0; });
        await AsAdminAsync(async sp => { await Get<PeriodService>(sp).UnlockAsync(s_q3, "Koreksi data Jawa Timur"); return 0; });
        var sheet = await AsAdminAsync(sp => Get<DataEntryService>(sp).GetSheetAsync(s_q3, Ministry.Kemendag));
        var jatim = sheet.Sections.Single(s => s.Code == Umkm).Cells[new CellKey(Umkm, "35", "", "")];
        var result = await AsAdminAsync(sp => Get<DataEntryService>(sp).SaveAsync(s_q3, Ministry.Kemendag,
            [new CellEdit(jatim.Key, correct(jatim.Value), null, null, jatim.Version)], "Koreksi"));
        Assert.True(result.Saved);
    }

    [Fact]
    public async Task AQuarterNeverReviewedHasNoFiguresAsReviewed()
    {
        Assert.Null(await AsAdminAsync(sp => Get<ReviewSnapshotService>(sp).ReviewedAsync(s_q3)));
    }

    [Fact]
    public async Task AsReviewedShowsTheFrozenFigureAndTheCurrentOneIsMarkedWithItsValueAtTheReview()
    {
        var atReview = (await CurrentAsync()).Single(f => f.Code == Umkm);
        await ReviewThenCorrectAsync(v => v + 5_000);

        var reviewed = await AsAdminAsync(sp => Get<ReviewSnapshotService>(sp).ReviewedAsync(s_q3));
        Assert.NotNull(reviewed);
        var current = await CurrentAsync();
        var umkm = current.Single(f => f.Code == Umkm);
        Assert.Equal(atReview.QuarterValue + 5_000, umkm.QuarterValue);

        // As reviewed: the values, target, capaian and status the meeting saw, and the trend's point of the quarter.
        var frozen = reviewed.AsReviewed(umkm);
        Assert.Equal(atReview.QuarterValue, frozen.QuarterValue);
        Assert.Equal(atReview.YearToDateValue, frozen.YearToDateValue);
        Assert.Equal(atReview.Achievement.AchievementPercent, frozen.Achievement.AchievementPercent);
        Assert.Equal(atReview.Achievement.Status, frozen.Achievement.Status);
        Assert.Equal(atReview.Achievement.TargetUsed, frozen.Achievement.TargetUsed);
        Assert.Equal(atReview.QuarterValue, frozen.Trend.Single(p => p.Period == s_q3).Value);
        Assert.Same(frozen, reviewed.AsReviewed(umkm));

        // Current: only the changed indicator is marked, with its figure at the review.
        Assert.True(reviewed.HasChanged(Umkm));
        Assert.Equal(1, reviewed.ChangedCount);
        Assert.Equal(atReview.QuarterValue, reviewed.AtReviewIfChanged(umkm)!.QuarterValue);
        Assert.All(current.Where(f => f.Code != Umkm), f =>
        {
            Assert.Null(reviewed.AtReviewIfChanged(f));
            Assert.Equal(f.QuarterValue, reviewed.AsReviewed(f).QuarterValue);
        });
    }

    [Fact]
    public async Task TheDashboardAsReviewedCountsItsPillarsOnTheFrozenStatuses()
    {
        // Jawa Timur's UMKM withdrawn: the indicator falls below its quarter target (it was on track at the review).
        await ReviewThenCorrectAsync(_ => 0);
        var reviewed = (await AsAdminAsync(sp => Get<ReviewSnapshotService>(sp).ReviewedAsync(s_q3)))!;
        var dashboard = await AsAdminAsync(sp => Get<FigureQueryService>(sp).GetDashboardAsync(new FigureFilter(2026, 3), null));

        var asReviewed = reviewed.AsReviewed(dashboard);

        var frozen = asReviewed.Indicators.Single(f => f.Code == Umkm);
        Assert.NotEqual(dashboard.Indicators.Single(f => f.Code == Umkm).QuarterValue, frozen.QuarterValue);
        Assert.Equal(AchievementStatus.OnTrack, frozen.Achievement.Status);
        Assert.NotEqual(AchievementStatus.OnTrack, dashboard.Indicators.Single(f => f.Code == Umkm).Achievement.Status);
        Assert.Equal(dashboard.Pillars.Single(p => p.PillarCode == "P3").OnTrack + 1, asReviewed.Pillars.Single(p => p.PillarCode == "P3").OnTrack);
        Assert.Same(frozen, asReviewed.AllIndicators.Single(f => f.Code == Umkm));
    }
}

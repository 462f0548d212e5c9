using MonevDashboard.Figures;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Features.Dashboard;
using MonevDashboard.Features.QuarterlyReview;
using MonevDashboard.Features.Reports;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Domain;

/// <summary>
/// Capaian on the demo data, as the dashboard, the report workbook's content and the review snapshot of a reviewed
/// quarter freezes it: each equals the core's <see cref="AchievementCalculator.AchievementPercent"/> of the figure and
/// target it names, and the three agree.
/// </summary>
public sealed class CapaianCallersTests
{
    [Fact]
    public async Task TheDashboardTheReportAndTheReviewSnapshotComputeCapaianInTheCore()
    {
        await using var database = await TestDatabase.CreateAsync(demoData: true);
        await using var scope = database.Services.CreateAsyncScope();
        var reviewed = new YearQuarter(2026, 2);
        var snapshots = scope.ServiceProvider.GetRequiredService<ReviewSnapshotService>();
        // Freeze the quarter's figures the way locking it after the review does.
        await using (var db = database.OpenContext())
        {
            await snapshots.OnLockingAsync(db, reviewed, "admin@monev.go.id", database.Clock.GetUtcNow().UtcDateTime, CancellationToken.None);
            await db.SaveChangesAsync();
        }
        var snapshot = await snapshots.LatestAsync(reviewed);
        Assert.NotNull(snapshot);

        var dashboard = await scope.ServiceProvider.GetRequiredService<FigureQueryService>()
            .GetIndicatorFiguresAsync(new FigureFilter(reviewed.Year, reviewed.Quarter));
        var report = (await scope.ServiceProvider.GetRequiredService<ReportService>().GetContentAsync(reviewed)).Figures.ToDictionary(f => f.Code);
        var frozen = await snapshots.FiguresAsync(snapshot.Id);

        var judged = 0;
        foreach (var figure in dashboard)
        {
            var realisation = figure.Achievement.UsesQuarterTarget ? figure.QuarterValue : figure.YearToDateValue;
            var core = AchievementCalculator.AchievementPercent(realisation, figure.Achievement.TargetUsed, figure.Direction);
            Assert.Equal(core, figure.Achievement.AchievementPercent);
            Assert.Equal(core, report[figure.Code].Achievement.AchievementPercent);
            Assert.Equal(core, frozen[(figure.IndicatorId, "", "")].AchievementPercent);
            judged += core is null ? 0 : 1;
        }
        // The demo data has targets and figures for most indicators: the comparison is not over nulls alone.
        Assert.True(judged >= 5, $"only {judged} indicators judged");
    }
}

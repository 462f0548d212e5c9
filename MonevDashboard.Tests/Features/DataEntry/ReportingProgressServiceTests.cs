using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.Periods;
using MonevDashboard.Figures;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.DataEntry;

public sealed class ReportingProgressServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData(new[] { ObservationStatus.Verified, ObservationStatus.Submitted }, ObservationStatus.Submitted)]
    [InlineData(new[] { ObservationStatus.Verified, ObservationStatus.Draft, ObservationStatus.Submitted }, ObservationStatus.Draft)]
    [InlineData(new[] { ObservationStatus.Draft, ObservationStatus.Returned }, ObservationStatus.Returned)]
    [InlineData(new[] { ObservationStatus.Verified }, ObservationStatus.Verified)]
    public void AnIndicatorStandsAtItsLeastAdvancedFigure(ObservationStatus[] statuses, ObservationStatus expected) =>
        Assert.Equal(expected, ReportingProgressService.LeastAdvanced(statuses));

    [Fact]
    public async Task CompletenessCountsReportedCellsAndBlankIsNotReported()
    {
        var q = new YearQuarter(2026, 3);
        await using (var op = _db.Scope(TestUser.As("op@x", Roles.OperatorKemendag)))
        {
            var entry = _db.Get<DataEntryService>(op);
            // 38 provinces of P3-UMKM-FACILITATED: report two, one of them zero.
            await entry.SaveAsync(q, Ministry.Kemendag,
            [
                new CellEdit(new CellKey("P3-UMKM-FACILITATED", "35", "", ""), 12, null, null, null),
                new CellEdit(new CellKey("P3-UMKM-FACILITATED", "33", "", ""), 0, null, null, null),
            ], null);
        }
        await using var scope = _db.Scope(TestUser.As("viewer@x", Roles.Viewer));
        var progress = await _db.Get<ReportingProgressService>(scope).GetAsync(q);

        var kemendag = progress.Ministries.Single(m => m.Ministry == Ministry.Kemendag);
        Assert.Equal(2, kemendag.Reported);
        Assert.True(kemendag.Expected > 38);
        Assert.Equal(kemendag.Reported * 100.0 / kemendag.Expected, kemendag.CompletenessPercent, 9);
        Assert.Equal(SubmissionStatus.Draft, kemendag.Status);
        Assert.Equal(0, progress.Ministries.Single(m => m.Ministry == Ministry.Kp2mi).Reported);
        Assert.Equal(ObservationStatus.Draft, progress.IndicatorStatuses["P3-UMKM-FACILITATED"]);
        Assert.False(progress.IndicatorStatuses.ContainsKey("P1-PMI-TRAINED"));
    }

    [Theory]
    [InlineData(2026, 3)]
    [InlineData(2026, 2)]
    [InlineData(2025, 4)]
    public async Task CompletenessIsWhatEachMinistrysEntrySheetCounts(int year, int quarter)
    {
        // The progress is computed by GROUP BYs; the entry sheet the operators fill is the reference.
        await using var demo = await TestDatabase.CreateAsync(demoData: true);
        var period = new YearQuarter(year, quarter);
        // A destination reported three quarters ago is still expected; one reported five quarters ago no longer is.
        await using (var db = demo.OpenContext())
        {
            var jobOrders = await db.Indicators.SingleAsync(i => i.Code == "P2-JOB-ORDERS");
            foreach (var (country, ago) in new[] { ("ZW", 3), ("ZM", 5) })
            {
                var when = period.Minus(ago);
                db.Observations.Add(new Observation
                {
                    IndicatorId = jobOrders.Id, Year = when.Year, Quarter = when.Quarter, CountryCode = country, Value = 5,
                    Status = ObservationStatus.Verified, CreatedBy = "test", UpdatedBy = "test",
                });
            }
            await db.SaveChangesAsync();
        }
        await using var scope = demo.Scope(TestUser.As("viewer@x", Roles.Viewer));
        var progress = await demo.Get<ReportingProgressService>(scope).GetAsync(period);

        foreach (var ministry in progress.Ministries)
        {
            var sheet = await demo.Get<DataEntryService>(scope).GetSheetAsync(period, ministry.Ministry);
            Assert.Equal(sheet.ExpectedCells, ministry.Expected);
            Assert.Equal(sheet.ReportedCells, ministry.Reported);
            Assert.Equal(sheet.CompletenessPercent, ministry.CompletenessPercent, 9);
            Assert.Equal(sheet.Status, ministry.Status);
            Assert.Equal(sheet.SubmittedAt, ministry.SubmittedAt);
            Assert.True(ministry.Reported > 0);
        }
    }

    [Fact]
    public async Task TheProgressStripAndTheEntrySheetReadOneReportStateAndTheDemoReportsAgreeWithTheirFigures()
    {
        // Issue #16: TW III 2025 showed both ministries "Draf" beside cards saying "Terverifikasi", and a report seven
        // weeks past its deadline carried no flag. The test clock reads 28 Nov 2026.
        await using var demo = await TestDatabase.CreateAsync(demoData: true);
        await using var scope = demo.Scope(TestUser.As("viewer@x", Roles.Viewer));
        var progressService = demo.Get<ReportingProgressService>(scope);
        var entry = demo.Get<DataEntryService>(scope);
        await using var db = demo.OpenContext();
        var figures = await db.Observations.Join(db.Indicators, o => o.IndicatorId, i => i.Id, (o, i) => new { o.Year, o.Quarter, i.Owner, o.Status })
            .Distinct().ToListAsync();

        for (var period = new YearQuarter(2024, 1); period <= new YearQuarter(2026, 3); period = period.Next())
        {
            var progress = await progressService.GetAsync(period);
            foreach (var ministry in progress.Ministries)
            {
                var sheet = await entry.GetSheetAsync(period, ministry.Ministry);
                Assert.Equal(ReportState.Of(period, sheet.Status, new DateOnly(2026, 11, 28)), ministry.Report);
                Assert.Equal(ministry.Report, sheet.Report);
                // A ministry's own figures are all verified exactly when its report is.
                var own = figures.Where(f => f.Year == period.Year && f.Quarter == period.Quarter && f.Owner == ministry.Ministry).ToList();
                Assert.NotEmpty(own);
                Assert.True(own.All(f => f.Status == ObservationStatus.Verified) == (ministry.Status == SubmissionStatus.Verified),
                    $"{period} {ministry.Ministry}: report {ministry.Status}, figures {string.Join(", ", own.Select(f => f.Status).Distinct())}");
            }
        }

        var twIII2025 = await progressService.GetAsync(new YearQuarter(2025, 3));
        Assert.All(twIII2025.Ministries, m => Assert.Equal(SubmissionStatus.Verified, m.Status));
        Assert.All(twIII2025.IndicatorStatuses.Values, s => Assert.Equal(ObservationStatus.Verified, s));

        var latest = await progressService.GetAsync(new YearQuarter(2026, 3));
        var kemendag = latest.Ministries.Single(m => m.Ministry == Ministry.Kemendag);
        Assert.Equal((SubmissionStatus.Draft, new DateOnly(2026, 10, 14), (int?)45), (kemendag.Status, kemendag.Deadline, kemendag.Report.DaysOverdue));
        Assert.False(latest.Ministries.Single(m => m.Ministry == Ministry.Kp2mi).Report.IsOverdue);

        // A day later the flag counts one more day, although nothing was written that would refresh a cached view.
        demo.Clock.Now = demo.Clock.Now.AddDays(1);
        var tomorrow = await progressService.GetAsync(new YearQuarter(2026, 3));
        Assert.Equal(46, tomorrow.Ministries.Single(m => m.Ministry == Ministry.Kemendag).Report.DaysOverdue);
    }
}

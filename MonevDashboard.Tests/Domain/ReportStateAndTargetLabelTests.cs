using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MonevDashboard.Components.Localization;
using MonevDashboard.Figures;

namespace MonevDashboard.Tests.Domain;

/// <summary>
/// The two single sources of issue #16: <see cref="ReportState.Of"/> (a ministry's report state, its deadline and
/// overdue days) and <see cref="TargetLabel"/> (the name of the target a capaian was measured against).
/// </summary>
public sealed class ReportStateAndTargetLabelTests
{
    private static readonly IStringLocalizer<SharedResource> s_localizer = new ServiceCollection().AddLogging().AddMonevLocalization()
        .BuildServiceProvider().GetRequiredService<IStringLocalizer<SharedResource>>();

    // TW III 2026 ends on Wed 30 Sep 2026; ten working days later is Wed 14 Oct 2026.
    private static readonly YearQuarter s_quarter = new(2026, 3);

    public static TheoryData<SubmissionStatus?, string, int?> States => new()
    {
        { null, "2026-12-02", 49 },                           // never touched: a Draft, seven weeks late
        { SubmissionStatus.Draft, "2026-10-15", 1 },          // the day after the deadline
        { SubmissionStatus.Draft, "2026-10-14", null },       // on the deadline itself it is not late yet
        { SubmissionStatus.Returned, "2026-11-28", 45 },      // back with the ministry: late until sent in again
        { SubmissionStatus.Submitted, "2026-12-02", null },   // in, however late it came
        { SubmissionStatus.Verified, "2026-12-02", null },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void AReportNotInAfterItsDeadlineIsOverdueByTheWholeDaysPastIt(SubmissionStatus? stored, string today, int? daysOverdue)
    {
        var state = ReportState.Of(s_quarter, stored, DateOnly.Parse(today, CultureInfo.InvariantCulture));

        Assert.Equal(stored ?? SubmissionStatus.Draft, state.Status);
        Assert.Equal(new DateOnly(2026, 10, 14), state.Deadline);
        Assert.Equal(daysOverdue, state.DaysOverdue);
        Assert.Equal(daysOverdue is not null, state.IsOverdue);
    }

    [Fact]
    public void NoReportIsOverdueForAQuarterBeforeTheProgrammeStarted()
    {
        var before = ReportingCalendar.ProgrammeStart.Previous();
        Assert.Null(ReportState.Of(before, null, new DateOnly(2026, 12, 2)).DaysOverdue);
        Assert.Equal(SubmissionStatus.Draft, ReportState.Of(before, null, new DateOnly(2026, 12, 2)).Status);
        Assert.NotNull(ReportState.Of(ReportingCalendar.ProgrammeStart, null, new DateOnly(2026, 12, 2)).DaysOverdue);
    }

    [Fact]
    public void TheOnTimeIndicatorCountsAMissingReportFromTheDayTheOverdueFlagShows()
    {
        // Both read ReportingCalendar.IsPastDeadline: a report missing on the deadline is neither late nor flagged.
        Assert.Null(DerivedIndicators.ReportsOnTime(s_quarter, [], new DateOnly(2026, 10, 14)));
        Assert.Equal((0, 2), DerivedIndicators.ReportsOnTime(s_quarter, [], new DateOnly(2026, 10, 15)));
        Assert.True(ReportState.Of(s_quarter, null, new DateOnly(2026, 10, 15)).IsOverdue);
    }

    [Fact]
    public void TheTargetKindIsTheOneTheCapaianWasMeasuredAgainst()
    {
        QuarterFigure[] figures = [new(1, 50, null, null), new(2, 60, null, null)];
        var quarter = AchievementCalculator.Evaluate(
            new AchievementInput(TimeAggregation.Sum, Direction.HigherIsBetter, 2, figures, AnnualTarget: 400, QuarterTarget: 80),
            StatusThresholds.Default);
        var annual = AchievementCalculator.Evaluate(
            new AchievementInput(TimeAggregation.Sum, Direction.HigherIsBetter, 2, figures, AnnualTarget: 400, QuarterTarget: null),
            StatusThresholds.Default);

        Assert.Equal((TargetKind.Quarter, 80.0, 75.0), (quarter.TargetKind, quarter.TargetUsed!.Value, quarter.AchievementPercent!.Value));
        Assert.Equal((TargetKind.Annual, 400.0, 27.5), (annual.TargetKind, annual.TargetUsed!.Value, annual.AchievementPercent!.Value));
    }

    [Theory]
    [InlineData(TargetKind.Quarter, 3, "id-ID", "Target TW III")]
    [InlineData(TargetKind.Annual, 3, "id-ID", "Target tahunan")]
    [InlineData(TargetKind.Quarter, 1, "en", "Q1 target")]
    [InlineData(TargetKind.Annual, 4, "en", "Annual target")]
    public void TheTargetIsNamedByItsKindInTheReadersLanguage(TargetKind kind, int quarter, string culture, string expected)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            Assert.Equal(expected, TargetLabel.For(kind, quarter, s_localizer));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    [Theory]
    [InlineData(TargetKind.Quarter, 2)]
    [InlineData(TargetKind.Annual, 3)]
    public void TheWorkbooksIndonesianNameIsTheIndonesianScreensName(TargetKind kind, int quarter)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("id-ID");
            Assert.Equal(TargetLabel.For(kind, quarter, s_localizer), TargetLabel.Indonesian(kind, quarter));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }
}

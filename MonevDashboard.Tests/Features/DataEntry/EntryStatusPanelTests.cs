using Bunit;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.Periods;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.DataEntry;

public sealed class EntryStatusPanelTests : MonevTestContext
{
    private static readonly YearQuarter s_quarter = new(2026, 3);

    private static EntrySheet Submitted(bool canVerify, string? refusal) =>
        new(s_quarter, Ministry.Kemendag, SubmissionStatus.Submitted, new DateTime(2026, 11, 20, 3, 0, 0, DateTimeKind.Utc),
            "op.kemendag@x", new DateTime(2026, 11, 20, 3, 0, 0, DateTimeKind.Utc), null, null, IsLocked: false, CanEdit: false,
            CanSubmit: false, CanVerify: canVerify, ReasonRequired: true, [], new Dictionary<string, string>(), new Dictionary<string, string>())
        {
            VerifyRefusal = refusal,
            Report = ReportState.Of(s_quarter, SubmissionStatus.Submitted, new DateOnly(2026, 12, 2)),
        };

    private static EntrySheet Draft(DateOnly today) =>
        new(s_quarter, Ministry.Kemendag, SubmissionStatus.Draft, null, null, null, null, null, IsLocked: false, CanEdit: true,
            CanSubmit: true, CanVerify: false, ReasonRequired: false, [], new Dictionary<string, string>(), new Dictionary<string, string>())
        {
            Report = ReportState.Of(s_quarter, SubmissionStatus.Draft, today),
        };

    [Fact]
    public void AReportNotInSevenWeeksAfterItsDeadlineCarriesItsOverdueFlagWithTheDaysLate()
    {
        var late = Render<EntryStatusPanel>(p => p.Add(c => c.Sheet, Draft(new DateOnly(2026, 12, 2))));
        var flag = late.Find("[data-testid=report-overdue]");
        Assert.Equal("Terlambat 49 hari", flag.TextContent.Trim());
        Assert.Equal("49", flag.GetAttribute("data-days"));
        Assert.Contains("14 Okt 2026", flag.GetAttribute("title"), StringComparison.Ordinal);

        Assert.Empty(Render<EntryStatusPanel>(p => p.Add(c => c.Sheet, Draft(new DateOnly(2026, 10, 14)))).FindAll("[data-testid=report-overdue]"));
        // Submitted, however late: the flag is gone (the lateness stays in the on-time indicator).
        Assert.Empty(Render<EntryStatusPanel>(p => p.Add(c => c.Sheet, Submitted(canVerify: false, null))).FindAll("[data-testid=report-overdue]"));
    }

    [Fact]
    public void AVerifierWhoEnteredTheReportSeesWhyInsteadOfVerifyAndReturnButtons()
    {
        const string why = "Anda mengubah 3 angka dalam laporan ini (terakhir 12 Nov 2026) — verifikasi atau pengembalian laporan harus dilakukan orang lain.";

        var panel = Render<EntryStatusPanel>(p => p.Add(c => c.Sheet, Submitted(canVerify: false, why)));

        Assert.Equal(why, panel.Find("[data-testid=verify-refusal]").TextContent.Trim());
        Assert.Empty(panel.FindAll("[data-testid=verify-report]"));
        Assert.Empty(panel.FindAll("[data-testid=return-report]"));
    }

    [Fact]
    public void AnIndependentVerifierSeesTheButtonsAndNoRefusal()
    {
        var panel = Render<EntryStatusPanel>(p => p.Add(c => c.Sheet, Submitted(canVerify: true, null)));

        Assert.Single(panel.FindAll("[data-testid=verify-report]"));
        Assert.Empty(panel.FindAll("[data-testid=verify-refusal]"));
    }

    [Fact]
    public void WhileASaveOrAStepRunsTheWorkflowButtonsWaitForIt()
    {
        var busy = Render<EntryStatusPanel>(p => p.Add(c => c.Sheet, Submitted(canVerify: true, null)).Add(c => c.Busy, true));
        var idle = Render<EntryStatusPanel>(p => p.Add(c => c.Sheet, Submitted(canVerify: true, null)));

        Assert.True(busy.Find("[data-testid=verify-report]").HasAttribute("disabled"));
        Assert.True(busy.Find("[data-testid=return-report]").HasAttribute("disabled"));
        Assert.False(idle.Find("[data-testid=verify-report]").HasAttribute("disabled"));
        Assert.False(idle.Find("[data-testid=return-report]").HasAttribute("disabled"));
    }
}

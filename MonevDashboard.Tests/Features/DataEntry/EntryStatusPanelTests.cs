using Bunit;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.Periods;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.DataEntry;

public sealed class EntryStatusPanelTests : MonevTestContext
{
    private static EntrySheet Submitted(bool canVerify, string? refusal) =>
        new(new YearQuarter(2026, 3), Ministry.Kemendag, SubmissionStatus.Submitted, new DateTime(2026, 11, 20, 3, 0, 0, DateTimeKind.Utc),
            "op.kemendag@x", new DateTime(2026, 11, 20, 3, 0, 0, DateTimeKind.Utc), null, null, IsLocked: false, CanEdit: false,
            CanSubmit: false, CanVerify: canVerify, ReasonRequired: true, [], new Dictionary<string, string>(), new Dictionary<string, string>())
        {
            VerifyRefusal = refusal,
        };

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

using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Figures.Notifications;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Notifications;

/// <summary>
/// Each kind of notification on constructed data: who sees it (role and ministry), where it links, what is left out
/// (a locked quarter, a done follow-up, one's own rollback), and the read marks — per user, and a new fact (a report
/// returned again, a follow-up given a new due date) unread again.
/// </summary>
public sealed class NotificationServiceTests : IAsyncLifetime
{
    private static readonly UserAccess s_verifierKemendag = TestUser.As("verif.kemendag@x", Roles.Verifier, Ministry.Kemendag);
    private static readonly UserAccess s_otherVerifierKemendag = TestUser.As("verif2.kemendag@x", Roles.Verifier, Ministry.Kemendag);
    private static readonly UserAccess s_verifierKp2mi = TestUser.As("verif.kp2mi@x", Roles.Verifier, Ministry.Kp2mi);
    private static readonly UserAccess s_operatorKemendag = TestUser.As("op.kemendag@x", Roles.OperatorKemendag);
    private static readonly UserAccess s_operatorKp2mi = TestUser.As("op.kp2mi@x", Roles.OperatorKp2mi);
    private static readonly UserAccess s_pimpinan = TestUser.As("pimpinan@x", Roles.Pimpinan);
    private static readonly UserAccess s_viewer = TestUser.As("viewer@x", Roles.Viewer);

    private static readonly YearQuarter s_q3 = new(2026, 3);
    private static readonly YearQuarter s_q2 = new(2026, 2);

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<NotificationList> ListAsync(UserAccess user)
    {
        await using var scope = _db.Scope(user);
        return await _db.Get<NotificationService>(scope).GetAsync();
    }

    private async Task MarkReadAsync(UserAccess user, string key)
    {
        await using var scope = _db.Scope(user);
        await _db.Get<NotificationService>(scope).MarkReadAsync(key);
    }

    private async Task MarkAllReadAsync(UserAccess user)
    {
        await using var scope = _db.Scope(user);
        await _db.Get<NotificationService>(scope).MarkAllReadAsync();
    }

    private static List<Notification> Of(NotificationList list, NotificationKind kind) => [.. list.Items.Where(n => n.Kind == kind)];

    private void SetTodayWib(DateOnly day) => _db.Clock.Now = new DateTimeOffset(ReportingCalendar.WibDayStartUtc(day).AddHours(3), TimeSpan.Zero);

    private async Task AddSubmissionAsync(YearQuarter period, Ministry ministry, SubmissionStatus status, DateTime? submittedAt = null,
        DateTime? returnedAt = null, string? reason = null)
    {
        await using var db = _db.OpenContext();
        db.Submissions.Add(new Submission
        {
            Year = period.Year, Quarter = period.Quarter, Ministry = ministry, Status = status, SubmittedAt = submittedAt,
            FirstSubmittedAt = submittedAt, SubmittedBy = submittedAt is null ? null : "op.kemendag@x", ReturnedAt = returnedAt,
            ReturnedBy = returnedAt is null ? null : "verif.kemendag@x", ReturnReason = reason,
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task AVerifierSeesTheSubmittedReportsOfTheirMinistryOnlyWithALinkToItsEntryPageAndNotInALockedQuarter()
    {
        var submitted = new DateTime(2026, 10, 9, 8, 0, 0, DateTimeKind.Utc);
        await AddSubmissionAsync(s_q3, Ministry.Kemendag, SubmissionStatus.Submitted, submitted);
        await AddSubmissionAsync(s_q3, Ministry.Kp2mi, SubmissionStatus.Submitted, submitted);
        await AddSubmissionAsync(s_q2, Ministry.Kemendag, SubmissionStatus.Submitted, submitted.AddMonths(-3));
        await using (var db = _db.OpenContext())
        {
            await db.Periods.Where(p => p.Year == 2026 && p.Quarter == 2).ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PeriodState.Locked));
        }

        var kemendag = await ListAsync(s_verifierKemendag);

        var verify = Assert.Single(Of(kemendag, NotificationKind.ReportToVerify));
        Assert.Equal(Ministry.Kemendag, verify.Ministry);
        Assert.Equal(s_q3, verify.Period);
        Assert.Equal("/entri?tahun=2026&tw=3&kementerian=Kemendag", verify.Href);
        Assert.Equal("op.kemendag@x", verify.Person);
        Assert.False(verify.IsRead);
        Assert.Equal(1, kemendag.Unread);
        Assert.Equal(Ministry.Kp2mi, Assert.Single(Of(await ListAsync(s_verifierKp2mi), NotificationKind.ReportToVerify)).Ministry);
        // Operators submit; they are not asked to verify.
        Assert.Empty(Of(await ListAsync(s_operatorKemendag), NotificationKind.ReportToVerify));
        var viewer = await ListAsync(s_viewer);
        Assert.Empty(viewer.Items);
        Assert.False(viewer.RoleHasNotifications);
    }

    [Fact]
    public async Task AReturnedReportReachesItsMinistrysOperatorsAndReturnedAgainItIsUnreadAgain()
    {
        var returned = new DateTime(2026, 10, 12, 4, 0, 0, DateTimeKind.Utc);
        await AddSubmissionAsync(s_q3, Ministry.Kemendag, SubmissionStatus.Returned, returned.AddDays(-2), returned, "Angka Jawa Timur tidak sesuai");

        var first = Assert.Single(Of(await ListAsync(s_operatorKemendag), NotificationKind.ReportReturned));
        Assert.Equal("Angka Jawa Timur tidak sesuai", first.Detail);
        Assert.Equal("/entri?tahun=2026&tw=3&kementerian=Kemendag", first.Href);
        Assert.Empty(Of(await ListAsync(s_operatorKp2mi), NotificationKind.ReportReturned));
        Assert.Empty(Of(await ListAsync(s_verifierKemendag), NotificationKind.ReportReturned));

        await MarkReadAsync(s_operatorKemendag, first.Key);
        Assert.True(Assert.Single(Of(await ListAsync(s_operatorKemendag), NotificationKind.ReportReturned)).IsRead);

        // Corrected, submitted and returned once more: a new fact, unread again.
        await using (var db = _db.OpenContext())
        {
            var again = returned.AddDays(5);
            await db.Submissions.Where(s => s.Year == 2026 && s.Quarter == 3 && s.Ministry == Ministry.Kemendag)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ReturnedAt, again).SetProperty(x => x.ReturnReason, "Masih belum sesuai"));
        }
        var second = Assert.Single(Of(await ListAsync(s_operatorKemendag), NotificationKind.ReportReturned));
        Assert.NotEqual(first.Key, second.Key);
        Assert.False(second.IsRead);
        Assert.Equal("Masih belum sesuai", second.Detail);
    }

    [Fact]
    public async Task ADeadlineWithinSevenDaysIsAnnouncedToTheMinistryWhoseReportIsNotInAndNotEarlierOrAfter()
    {
        var deadline = s_q3.ReportDeadline;
        await AddSubmissionAsync(s_q3, Ministry.Kp2mi, SubmissionStatus.Submitted, ReportingCalendar.WibDayStartUtc(deadline.AddDays(-8)));

        SetTodayWib(deadline.AddDays(-NotificationService.DeadlineDays - 1));
        Assert.Empty(Of(await ListAsync(s_operatorKemendag), NotificationKind.DeadlineSoon));

        SetTodayWib(deadline.AddDays(-6));
        var soon = Assert.Single(Of(await ListAsync(s_operatorKemendag), NotificationKind.DeadlineSoon));
        Assert.Equal(6, soon.Days);
        Assert.Equal(deadline, soon.Date);
        Assert.Equal(Ministry.Kemendag, soon.Ministry);
        Assert.Equal("/entri?tahun=2026&tw=3&kementerian=Kemendag", soon.Href);
        // KP2MI's report is in: nothing is due for it.
        Assert.Empty(Of(await ListAsync(s_operatorKp2mi), NotificationKind.DeadlineSoon));

        SetTodayWib(deadline);
        Assert.Equal(0, Assert.Single(Of(await ListAsync(s_operatorKemendag), NotificationKind.DeadlineSoon)).Days);

        // Past the deadline it is overdue (the progress strip says so), no longer "due soon".
        SetTodayWib(deadline.AddDays(1));
        Assert.Empty(Of(await ListAsync(s_operatorKemendag), NotificationKind.DeadlineSoon));
    }

    [Fact]
    public async Task AnOverdueFollowUpReachesTheReviewManagersAndTheOperatorsOfItsIndicatorAndANewDueDateIsUnreadAgain()
    {
        int kemendagItem, kp2miItem;
        await using (var db = _db.OpenContext())
        {
            var kemendag = await db.Indicators.FirstAsync(i => i.Owner == Ministry.Kemendag);
            var kp2mi = await db.Indicators.FirstAsync(i => i.Owner == Ministry.Kp2mi);
            var meeting = new ReviewMeeting
            {
                Year = 2026, Quarter = 2, MeetingDate = new DateOnly(2026, 7, 20), Place = "Jakarta", Chair = "Dirjen",
                ActionItems =
                [
                    new() { IndicatorId = kemendag.Id, Description = "Lengkapi data UMKM", PicUnit = "Direktorat Produk", DueDate = new DateOnly(2026, 11, 1), Status = ActionItemStatus.InProgress },
                    new() { IndicatorId = kp2mi.Id, Description = "Rekap sertifikasi", PicUnit = "Pusdatin", DueDate = new DateOnly(2026, 10, 1), Status = ActionItemStatus.Open },
                    new() { IndicatorId = kemendag.Id, Description = "Selesai terlambat", PicUnit = "Direktorat Pasar", DueDate = new DateOnly(2026, 9, 1), Status = ActionItemStatus.Done, CompletedOn = new DateOnly(2026, 9, 20) },
                    new() { IndicatorId = kemendag.Id, Description = "Belum jatuh tempo", PicUnit = "Direktorat Pasar", DueDate = new DateOnly(2026, 12, 31), Status = ActionItemStatus.Open },
                ],
            };
            db.ReviewMeetings.Add(meeting);
            await db.SaveChangesAsync();
            kemendagItem = meeting.ActionItems[0].Id;
            kp2miItem = meeting.ActionItems[1].Id;
        }

        // Today is 28 Nov 2026 (WIB).
        var managed = Of(await ListAsync(s_pimpinan), NotificationKind.FollowUpOverdue);
        Assert.Equal(["Lengkapi data UMKM", "Rekap sertifikasi"], managed.Select(n => n.Detail).Order());
        Assert.All(managed, n => Assert.Equal("/tinjauan?tahun=2026&tw=2&tab=1", n.Href));
        Assert.Equal(27, managed.Single(n => n.Detail == "Lengkapi data UMKM").Days);
        var own = Assert.Single(Of(await ListAsync(s_operatorKemendag), NotificationKind.FollowUpOverdue));
        Assert.Equal("Lengkapi data UMKM", own.Detail);
        Assert.Equal("Rekap sertifikasi", Assert.Single(Of(await ListAsync(s_operatorKp2mi), NotificationKind.FollowUpOverdue)).Detail);
        Assert.Empty(Of(await ListAsync(s_verifierKemendag), NotificationKind.FollowUpOverdue));

        await MarkReadAsync(s_operatorKemendag, own.Key);
        Assert.True(Assert.Single(Of(await ListAsync(s_operatorKemendag), NotificationKind.FollowUpOverdue)).IsRead);
        await using (var db = _db.OpenContext())
        {
            // Given a new due date, which has passed too: a new fact.
            await db.ActionItems.Where(a => a.Id == kemendagItem).ExecuteUpdateAsync(s => s.SetProperty(a => a.DueDate, new DateOnly(2026, 11, 20)));
            await db.ActionItems.Where(a => a.Id == kp2miItem).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ActionItemStatus.Done)
                .SetProperty(a => a.CompletedOn, new DateOnly(2026, 11, 27)));
        }
        var renewed = Assert.Single(Of(await ListAsync(s_operatorKemendag), NotificationKind.FollowUpOverdue));
        Assert.False(renewed.IsRead);
        Assert.Equal(8, renewed.Days);
        Assert.Empty(Of(await ListAsync(s_operatorKp2mi), NotificationKind.FollowUpOverdue));
    }

    [Fact]
    public async Task AnImportRolledBackBySomeoneElseIsAnnouncedToWhoeverImportedIt()
    {
        var at = new DateTime(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc);
        await using (var db = _db.OpenContext())
        {
            db.ImportBatches.AddRange(
                new ImportBatch { FileName = "tw3-kemendag.xlsx", UserName = "op.kemendag@x", ImportedAt = at, Status = ImportBatchStatus.RolledBack, RolledBackAt = at.AddDays(1), RolledBackBy = "admin@x" },
                new ImportBatch { FileName = "salah-sendiri.xlsx", UserName = "op.kemendag@x", ImportedAt = at, Status = ImportBatchStatus.RolledBack, RolledBackAt = at.AddHours(1), RolledBackBy = "op.kemendag@x" },
                new ImportBatch { FileName = "masih-berlaku.xlsx", UserName = "op.kemendag@x", ImportedAt = at, Status = ImportBatchStatus.Committed },
                new ImportBatch { FileName = "punya-kp2mi.xlsx", UserName = "op.kp2mi@x", ImportedAt = at, Status = ImportBatchStatus.RolledBack, RolledBackAt = at.AddDays(2), RolledBackBy = "admin@x" });
            await db.SaveChangesAsync();
        }

        var rolledBack = Assert.Single(Of(await ListAsync(s_operatorKemendag), NotificationKind.ImportRolledBack));
        Assert.Equal("tw3-kemendag.xlsx", rolledBack.Detail);
        Assert.Equal("admin@x", rolledBack.Person);
        Assert.Equal(NotificationService.ImportHistoryHref, rolledBack.Href);
        Assert.Equal("punya-kp2mi.xlsx", Assert.Single(Of(await ListAsync(s_operatorKp2mi), NotificationKind.ImportRolledBack)).Detail);
    }

    [Fact]
    public async Task MarkingAllReadIsPerUserAndForgetsTheMarksOfFactsThatAreGone()
    {
        var submitted = new DateTime(2026, 10, 9, 8, 0, 0, DateTimeKind.Utc);
        await AddSubmissionAsync(s_q3, Ministry.Kemendag, SubmissionStatus.Submitted, submitted);
        var key = Assert.Single((await ListAsync(s_verifierKemendag)).Items).Key;
        await using (var db = _db.OpenContext())
        {
            db.NotificationReads.Add(new NotificationRead { UserName = s_verifierKemendag.UserName, Key = "verify:Kemendag:2026-Q1:1", ReadAt = submitted });
            await db.SaveChangesAsync();
        }

        await MarkAllReadAsync(s_verifierKemendag);
        await MarkAllReadAsync(s_verifierKemendag);

        var mine = await ListAsync(s_verifierKemendag);
        Assert.Equal(0, mine.Unread);
        Assert.True(Assert.Single(mine.Items).IsRead);
        var theirs = await ListAsync(s_otherVerifierKemendag);
        Assert.Equal(1, theirs.Unread);
        await using (var db = _db.OpenContext())
        {
            var marks = await db.NotificationReads.AsNoTracking().ToListAsync();
            var mark = Assert.Single(marks);
            Assert.Equal((s_verifierKemendag.UserName, key), (mark.UserName, mark.Key));
        }
    }
}

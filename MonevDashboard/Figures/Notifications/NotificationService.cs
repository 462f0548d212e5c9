using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Figures;

namespace MonevDashboard.Figures.Notifications;

/// <summary>What a notification is about; each kind has its own rule in <see cref="NotificationService"/>.</summary>
public enum NotificationKind
{
    /// <summary>A ministry's report was submitted and waits for this verifier's verdict.</summary>
    ReportToVerify = 1,
    /// <summary>A report of this official's ministry was returned by its verifier.</summary>
    ReportReturned,
    /// <summary>A report of this official's ministry is not in and its deadline is at most <see cref="NotificationService.DeadlineDays"/> days away.</summary>
    DeadlineSoon,
    /// <summary>A review follow-up this user chases is past its due date and not done.</summary>
    FollowUpOverdue,
    /// <summary>An import this user committed was rolled back by someone else.</summary>
    ImportRolledBack,
}

/// <summary>
/// One thing that awaits the user, computed from the data. <paramref name="Key"/> is stable for the same fact and
/// carries its version or time (a report returned again, a follow-up given a new due date), so a new fact is unread
/// again. <paramref name="Href"/> is where to act. The text is the component's (<see cref="NotificationText"/>).
/// </summary>
/// <param name="At">When the fact happened or falls due (UTC); what the list is ordered by, newest first.</param>
/// <param name="Days">Days left before a deadline, or days a follow-up is late.</param>
/// <param name="Date">The deadline or the follow-up's due date.</param>
/// <param name="Person">Who submitted, returned or rolled back.</param>
/// <param name="Detail">The return reason, the follow-up's description, or the import's file name.</param>
public sealed record Notification(
    string Key, NotificationKind Kind, string Href, DateTime At, bool IsRead,
    Ministry? Ministry = null, YearQuarter? Period = null, int? Days = null, DateOnly? Date = null, string? Person = null,
    string? Detail = null, string? Unit = null);

/// <summary>The user's notifications, newest first, and how many of them are unread.</summary>
public sealed record NotificationList(IReadOnlyList<Notification> Items, bool RoleHasNotifications)
{
    public static NotificationList None { get; } = new([], false);

    public int Unread => Items.Count(n => !n.IsRead);
}

/// <summary>
/// In-app notifications: what awaits the signed-in user, computed from the data for their role and ministry — no mail
/// server, nothing stored but the read marks (<see cref="NotificationRead"/>). Each fact is read where the project
/// decides it: who verifies and who reports for a ministry (<see cref="AccessPolicy"/>), a report's state and deadline
/// (<see cref="ReportState.Of"/>), a follow-up's lateness (<see cref="FollowUpDeadline"/>), a locked quarter
/// (<see cref="QuarterLock"/>: nothing left to act on), and an import's rollback (the batch's own record, as
/// <c>ImportHistoryService</c> writes it).
/// </summary>
public sealed class NotificationService(IDbContextFactory<MonevDbContext> contextFactory, AccessGuard guard, TimeProvider clock)
{
    /// <summary>A deadline this many days away or nearer is announced.</summary>
    public const int DeadlineDays = 7;

    /// <summary>The list shows at most this many, newest first; the count of unread ones is over all.</summary>
    public const int MaxShown = 50;

    /// <summary>Whether the user's role can have notifications at all (the dashboard shows its panel only then).</summary>
    public static bool RoleHasNotifications(UserAccess user) =>
        user.IsAuthenticated && (VerifiedMinistries(user).Any() || user.ReportingMinistries.Any() || AccessPolicy.May(user, MonevAction.ManageReview));

    public async Task<NotificationList> GetAsync(CancellationToken cancellationToken = default)
    {
        var user = guard.User;
        if (!user.IsAuthenticated || !guard.May(MonevAction.ViewFigures))
        {
            return NotificationList.None;
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var items = await ComputeAsync(db, user, cancellationToken);
        var keys = items.Select(n => n.Key).ToList();
        var read = (await db.NotificationReads.AsNoTracking()
            .Where(r => r.UserName == user.UserName)
            .Select(r => r.Key)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        // People are named as other people see them: "Operator KP2MI", not the account's e-mail.
        var names = await AccountNames.DisplayNamesAsync(db, items.Select(n => n.Person).OfType<string>(), cancellationToken);
        var list = items.Select(n => n with { IsRead = read.Contains(n.Key), Person = n.Person is { } p ? AccountNames.Shown(names, p) : null })
            .OrderByDescending(n => n.At).ThenBy(n => n.Key, StringComparer.Ordinal)
            .ToList();
        var shown = list.Take(MaxShown).ToList();
        // The unread ones beyond the shown window still count: keep them in so the badge and the list agree.
        shown.AddRange(list.Skip(MaxShown).Where(n => !n.IsRead));
        return new NotificationList(shown, RoleHasNotifications(user));
    }

    /// <summary>Marks one notification read for the signed-in user (clicking through to it).</summary>
    public async Task MarkReadAsync(string key, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ViewFigures);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await AddMarksAsync(db, guard.User.UserName, [key], cancellationToken);
    }

    /// <summary>
    /// Marks every current notification read, and forgets the user's marks of facts that are gone (a report since
    /// verified, a follow-up done): those keys never return, and a fact that does return is a new one, unread again.
    /// </summary>
    public async Task MarkAllReadAsync(CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ViewFigures);
        var user = guard.User;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var keys = (await ComputeAsync(db, user, cancellationToken)).Select(n => n.Key).ToHashSet(StringComparer.Ordinal);
        var stale = (await db.NotificationReads.AsNoTracking().Where(r => r.UserName == user.UserName).Select(r => new { r.Id, r.Key })
            .ToListAsync(cancellationToken)).Where(r => !keys.Contains(r.Key)).Select(r => r.Id).ToList();
        foreach (var chunk in stale.Chunk(500))
        {
            await db.NotificationReads.Where(r => chunk.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        }
        await AddMarksAsync(db, user.UserName, keys, cancellationToken);
    }

    private async Task AddMarksAsync(MonevDbContext db, string userName, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var existing = (await db.NotificationReads.AsNoTracking().Where(r => r.UserName == userName).Select(r => r.Key)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = keys.Where(k => !existing.Contains(k)).Distinct(StringComparer.Ordinal).ToList();
        if (added.Count == 0)
        {
            return;
        }
        db.NotificationReads.AddRange(added.Select(k => new NotificationRead { UserName = userName, Key = k, ReadAt = now }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another tab of the same user marked some of them in between (the unique index): mark the rest one by one.
            db.ChangeTracker.Clear();
            foreach (var key in added)
            {
                if (!await db.NotificationReads.AnyAsync(r => r.UserName == userName && r.Key == key, cancellationToken))
                {
                    db.NotificationReads.Add(new NotificationRead { UserName = userName, Key = key, ReadAt = now });
                    await db.SaveChangesAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                }
            }
        }
    }

    /// <summary>The ministries whose reports this user gives the verifier's verdict on.</summary>
    private static IEnumerable<Ministry> VerifiedMinistries(UserAccess user) =>
        DerivedIndicators.ReportingMinistries.Where(m => AccessPolicy.May(user, MonevAction.VerifyFigures, m));

    private async Task<List<Notification>> ComputeAsync(MonevDbContext db, UserAccess user, CancellationToken cancellationToken)
    {
        var today = clock.TodayInWib();
        var verifies = VerifiedMinistries(user).ToList();
        var reports = user.ReportingMinistries.ToList();
        var chasesAllFollowUps = AccessPolicy.May(user, MonevAction.ManageReview);
        var items = new List<Notification>();
        var locked = verifies.Count > 0 || reports.Count > 0 ? await QuarterLock.LockedQuartersAsync(db, cancellationToken) : [];
        var concerned = verifies.Concat(reports).Distinct().ToList();
        var submissions = concerned.Count == 0 ? [] : await db.Submissions.AsNoTracking()
            .Where(s => concerned.Contains(s.Ministry))
            .ToListAsync(cancellationToken);

        foreach (var s in submissions)
        {
            var period = new YearQuarter(s.Year, s.Quarter);
            if (locked.Contains(period))
            {
                continue;
            }
            var href = EntryHref(period, s.Ministry);
            if (s.Status == SubmissionStatus.Submitted && verifies.Contains(s.Ministry))
            {
                var at = s.SubmittedAt ?? default;
                items.Add(new Notification(Key("verify", s.Ministry, period, at), NotificationKind.ReportToVerify, href, at, false,
                    s.Ministry, period, Person: s.SubmittedBy));
            }
            if (s.Status == SubmissionStatus.Returned && reports.Contains(s.Ministry))
            {
                var at = s.ReturnedAt ?? default;
                items.Add(new Notification(Key("returned", s.Ministry, period, at), NotificationKind.ReportReturned, href, at, false,
                    s.Ministry, period, Person: s.ReturnedBy, Detail: s.ReturnReason));
            }
        }

        // A deadline falls 10 working days after its quarter ends, so only the quarter being reported (or, on the
        // last days of a quarter, the one ending) can be due within the window.
        var current = clock.CurrentReportingQuarter();
        foreach (var period in new[] { current, current.Next() }.Where(p => p >= ReportingCalendar.ProgrammeStart && !locked.Contains(p)))
        {
            foreach (var ministry in reports)
            {
                var stored = submissions.FirstOrDefault(s => s.Ministry == ministry && s.Year == period.Year && s.Quarter == period.Quarter);
                var state = ReportState.Of(period, stored?.Status, today);
                var daysLeft = state.Deadline.DayNumber - today.DayNumber;
                if (state.Status is SubmissionStatus.Draft or SubmissionStatus.Returned && daysLeft is >= 0 and <= DeadlineDays)
                {
                    items.Add(new Notification(
                        string.Create(CultureInfo.InvariantCulture, $"deadline:{ministry}:{period.Key}:{state.Deadline:yyyyMMdd}"),
                        NotificationKind.DeadlineSoon, EntryHref(period, ministry), ReportingCalendar.WibDayStartUtc(state.Deadline), false,
                        ministry, period, daysLeft, state.Deadline));
                }
            }
        }

        if (chasesAllFollowUps || reports.Count > 0)
        {
            var open = await db.ActionItems.AsNoTracking()
                .Where(a => a.Status != ActionItemStatus.Done)
                .Select(a => new { a.Id, a.IndicatorId, a.Description, a.PicUnit, a.DueDate, a.Status, a.CompletedOn, a.ReviewMeeting!.Year, a.ReviewMeeting.Quarter })
                .ToListAsync(cancellationToken);
            var owners = chasesAllFollowUps ? [] : await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Owner, cancellationToken);
            foreach (var a in open.Where(a => FollowUpDeadline.IsOverdue(a.DueDate, a.Status, today)))
            {
                // Operators chase the follow-ups on their own ministry's (and joint) indicators; review managers all.
                if (!chasesAllFollowUps && !(a.IndicatorId is { } id && owners.TryGetValue(id, out var owner)
                    && (owner == Ministry.Bersama || reports.Contains(owner))))
                {
                    continue;
                }
                var meeting = new YearQuarter(a.Year, a.Quarter);
                items.Add(new Notification(
                    string.Create(CultureInfo.InvariantCulture, $"followup:{a.Id}:{a.DueDate:yyyyMMdd}"), NotificationKind.FollowUpOverdue,
                    $"/tinjauan?{meeting.Address}&tab=1", ReportingCalendar.WibDayStartUtc(a.DueDate), false, Period: meeting,
                    Days: FollowUpDeadline.DaysLate(a.DueDate, a.Status, a.CompletedOn, today), Date: a.DueDate, Detail: a.Description, Unit: a.PicUnit));
            }
        }

        var userName = user.UserName;
        var rolledBack = await db.ImportBatches.AsNoTracking()
            .Where(b => b.UserName == userName && b.Status == ImportBatchStatus.RolledBack && b.RolledBackBy != userName)
            .Select(b => new { b.Id, b.FileName, b.RolledBackAt, b.RolledBackBy })
            .ToListAsync(cancellationToken);
        foreach (var b in rolledBack)
        {
            items.Add(new Notification(string.Create(CultureInfo.InvariantCulture, $"rollback:{b.Id}"), NotificationKind.ImportRolledBack,
                ImportHistoryHref, b.RolledBackAt ?? default, false, Person: b.RolledBackBy, Detail: b.FileName));
        }
        return items;
    }

    public const string ImportHistoryHref = "/impor/riwayat";

    /// <summary>The entry page of a ministry's report of a quarter: where it is verified, returned, corrected and submitted.</summary>
    public static string EntryHref(YearQuarter period, Ministry ministry) => $"/entri?{period.Address}&kementerian={ministry}";

    private static string Key(string kind, Ministry ministry, YearQuarter period, DateTime at) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}:{ministry}:{period.Key}:{at.Ticks}");
}

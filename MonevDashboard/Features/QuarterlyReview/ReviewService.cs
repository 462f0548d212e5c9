using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Components.Localization;
using MonevDashboard.Features.Periods;
using MonevDashboard.Figures;

namespace MonevDashboard.Features.QuarterlyReview;

/// <summary>
/// The quarterly review: narratives (written by the owning ministry), the meeting record and its action items
/// (kept by the Secretariat and leadership). Writes go through AccessGuard and, for narratives, the quarter lock;
/// the audit interceptor records them.
/// </summary>
public sealed class ReviewService(
    IDbContextFactory<MonevDbContext> contextFactory,
    FigureQueryService figures,
    AccessGuard guard,
    QuarterLock quarterLock,
    EditConflicts conflicts,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer,
    ObservationRules rules)
{
    public DateOnly Today => clock.TodayInWib();

    public async Task<IReadOnlyList<NarrativeRow>> GetNarrativesAsync(YearQuarter period, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ViewFigures);
        var figureList = await figures.GetIndicatorFiguresAsync(new FigureFilter(period.Year, period.Quarter), cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var narratives = await db.Narratives.AsNoTracking()
            .Where(n => n.Year == period.Year && n.Quarter == period.Quarter)
            .ToDictionaryAsync(n => n.IndicatorId, cancellationToken);
        var locked = await QuarterLock.IsLockedAsync(db, period, cancellationToken);
        return [.. figureList.Select(f =>
        {
            var n = narratives.GetValueOrDefault(f.IndicatorId);
            return new NarrativeRow(f.Code, f.NameId, f.NameEn, f.PillarCode, f.Owner, f.Achievement.Status, f.Achievement.AchievementPercent,
                n?.Analysis ?? "", n?.Obstacles ?? "", n?.FollowUpPlan ?? "", n?.UpdatedBy, n?.UpdatedAt, n?.Version ?? 0,
                !locked && guard.May(MonevAction.WriteNarrative, f.Owner))
            {
                TargetUsed = f.Achievement.TargetUsed,
                TargetKind = f.Achievement.TargetKind,
                Unit = f.Unit,
                UnitEn = f.UnitEn,
            };
        })];
    }

    public async Task SaveNarrativeAsync(string indicatorCode, YearQuarter period, string analysis, string obstacles, string followUpPlan,
        int expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var indicator = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Code == indicatorCode, cancellationToken)
            ?? throw new UserMessageException(localizer["Rule.UnknownIndicator", indicatorCode]);
        guard.Demand(MonevAction.WriteNarrative, indicator.Owner, indicator.Code);
        // A narrative is about a quarter's figures: only for the quarters figures may be given for.
        if (rules.PeriodViolations(period.Year, period.Quarter) is [var wrongPeriod, ..])
        {
            throw new UserMessageException(wrongPeriod.Message);
        }
        // The writers' turn before the lock check, so locking the quarter cannot interleave with this save.
        await using var transaction = await DatabaseDialect.Of(db).BeginSerializedWriteAsync(db.Database, null, cancellationToken);
        await quarterLock.EnsureOpenAsync(db, [period], cancellationToken);
        var narrative = await db.Narratives.FirstOrDefaultAsync(
            n => n.IndicatorId == indicator.Id && n.Year == period.Year && n.Quarter == period.Quarter, cancellationToken);
        if (narrative is null)
        {
            narrative = new Narrative { IndicatorId = indicator.Id, Year = period.Year, Quarter = period.Quarter };
            db.Narratives.Add(narrative);
        }
        else if (narrative.Version != expectedVersion)
        {
            throw NarrativeConflict(narrative, indicator.Code, period, analysis, obstacles, followUpPlan);
        }
        else
        {
            EditConflicts.ExpectVersion(db, narrative, expectedVersion);
        }
        narrative.Analysis = analysis.Trim();
        narrative.Obstacles = obstacles.Trim();
        narrative.FollowUpPlan = followUpPlan.Trim();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (EditConflicts.IsLostRace(ex))
        {
            // Written (or first created) by someone else between the check above and this write.
            await using var fresh = await contextFactory.CreateDbContextAsync(cancellationToken);
            var now = await fresh.Narratives.AsNoTracking().FirstAsync(
                n => n.IndicatorId == indicator.Id && n.Year == period.Year && n.Quarter == period.Quarter, cancellationToken);
            throw NarrativeConflict(now, indicator.Code, period, analysis, obstacles, followUpPlan);
        }
    }

    /// <summary>The refusal of a stale narrative: the parts the other writer saved differently, who, when.</summary>
    private EditConflictException NarrativeConflict(Narrative stored, string code, YearQuarter period, string analysis, string obstacles, string followUpPlan)
    {
        var theirs = EditConflicts.Differences([
            (localizer["Review.Analysis"], EditConflicts.Quote(stored.Analysis), EditConflicts.Quote(analysis)),
            (localizer["Review.Obstacles"], EditConflicts.Quote(stored.Obstacles), EditConflicts.Quote(obstacles)),
            (localizer["Review.FollowUpPlan"], EditConflicts.Quote(stored.FollowUpPlan), EditConflicts.Quote(followUpPlan)),
        ]);
        return conflicts.Conflict(localizer["Conflict.Narrative", code, period.Roman, period.Year],
            theirs.Count > 0 ? EditConflicts.Describe(theirs) : localizer["Conflict.SameAsYours"], stored.UpdatedBy, stored.UpdatedAt);
    }

    public async Task<MeetingRecord> GetMeetingAsync(YearQuarter period, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ViewFigures);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var m = await db.ReviewMeetings.AsNoTracking().FirstOrDefaultAsync(x => x.Year == period.Year && x.Quarter == period.Quarter, cancellationToken);
        return m is null
            ? new MeetingRecord(period, null, "", "", "", "", false)
            : new MeetingRecord(period, m.MeetingDate, m.Place, m.Chair, m.Attendees, m.Minutes, true, m.Version);
    }

    public async Task SaveMeetingAsync(MeetingRecord record, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageReview);
        if (record.MeetingDate is null || string.IsNullOrWhiteSpace(record.Chair))
        {
            throw new UserMessageException(localizer["Review.MeetingRequired"]);
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var m = await db.ReviewMeetings.FirstOrDefaultAsync(x => x.Year == record.Period.Year && x.Quarter == record.Period.Quarter, cancellationToken);
        if (m is null)
        {
            m = new ReviewMeeting { Year = record.Period.Year, Quarter = record.Period.Quarter };
            db.ReviewMeetings.Add(m);
        }
        else if (m.Version != record.Version)
        {
            throw await MeetingConflictAsync(db, m, record, cancellationToken);
        }
        else
        {
            EditConflicts.ExpectVersion(db, m, record.Version);
        }
        m.MeetingDate = record.MeetingDate.Value;
        m.Place = record.Place.Trim();
        m.Chair = record.Chair.Trim();
        m.Attendees = record.Attendees.Trim();
        m.Minutes = record.Minutes.Trim();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (EditConflicts.IsLostRace(ex))
        {
            // Saved (or first created) by someone else between the check above and this write.
            await using var fresh = await contextFactory.CreateDbContextAsync(cancellationToken);
            var now = await fresh.ReviewMeetings.AsNoTracking()
                .FirstAsync(x => x.Year == record.Period.Year && x.Quarter == record.Period.Quarter, cancellationToken);
            throw await MeetingConflictAsync(fresh, now, record, cancellationToken);
        }
    }

    /// <summary>The refusal of a stale meeting record: the fields saved differently by the other person, who, when (from the audit log).</summary>
    private async Task<EditConflictException> MeetingConflictAsync(MonevDbContext db, ReviewMeeting stored, MeetingRecord yours, CancellationToken cancellationToken)
    {
        var theirs = EditConflicts.Differences([
            (localizer["Review.MeetingDate"], FigureFormatter.Date(stored.MeetingDate), yours.MeetingDate is { } d ? FigureFormatter.Date(d) : "–"),
            (localizer["Review.Place"], EditConflicts.Quote(stored.Place), EditConflicts.Quote(yours.Place)),
            (localizer["Review.Chair"], EditConflicts.Quote(stored.Chair), EditConflicts.Quote(yours.Chair)),
            (localizer["Review.Attendees"], EditConflicts.Quote(stored.Attendees), EditConflicts.Quote(yours.Attendees)),
            (localizer["Review.Minutes"], EditConflicts.Quote(stored.Minutes), EditConflicts.Quote(yours.Minutes)),
        ]);
        var period = new YearQuarter(stored.Year, stored.Quarter);
        return await conflicts.ConflictAsync(db, localizer["Conflict.Meeting", period.Roman, period.Year], "ReviewMeeting",
            new YearQuarter(stored.Year, stored.Quarter).Key,
            theirs.Count > 0 ? EditConflicts.Describe(theirs) : localizer["Conflict.SameAsYours"], cancellationToken);
    }

    public async Task<IReadOnlyList<ActionItemView>> GetActionItemsAsync(ActionItemFilter filter, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ViewFigures);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var today = Today;
        var query = db.ActionItems.AsNoTracking().AsQueryable();
        if (filter.Year is { } year)
        {
            query = query.Where(a => a.ReviewMeeting!.Year == year);
        }
        if (filter.Quarter is { } quarter)
        {
            query = query.Where(a => a.ReviewMeeting!.Quarter == quarter);
        }
        if (filter.Status is { } status)
        {
            query = query.Where(a => a.Status == status);
        }
        if (filter.NotDoneOnly)
        {
            query = query.Where(a => a.Status != ActionItemStatus.Done);
        }
        if (filter.OverdueOnly)
        {
            query = query.Where(a => a.Status != ActionItemStatus.Done && a.DueDate < today);
        }
        if (!string.IsNullOrWhiteSpace(filter.Pic))
        {
            query = query.Where(a => a.PicUnit.Contains(filter.Pic));
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            query = query.Where(a => a.Description.Contains(filter.Search));
        }
        var rows = await query
            .OrderBy(a => a.DueDate).ThenBy(a => a.Id)
            .Select(a => new
            {
                a.Id, a.ReviewMeeting!.Year, a.ReviewMeeting.Quarter, a.IndicatorId, a.Description, a.PicUnit, a.DueDate, a.Status, a.CompletedOn, a.Version,
            })
            .ToListAsync(cancellationToken);
        var codes = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Code, cancellationToken);
        return [.. rows.Select(a => new ActionItemView(a.Id, new YearQuarter(a.Year, a.Quarter),
            a.IndicatorId is { } id ? codes.GetValueOrDefault(id) : null, a.Description, a.PicUnit, a.DueDate, a.Status, a.CompletedOn,
            FollowUpDeadline.IsOverdue(a.DueDate, a.Status, today), a.Version,
            FollowUpDeadline.DaysLate(a.DueDate, a.Status, a.CompletedOn, today)))];
    }

    /// <summary>Adds a follow-up to the quarter's meeting (the meeting record must exist).</summary>
    public async Task<int> AddActionItemAsync(YearQuarter meeting, string description, string picUnit, DateOnly dueDate, string? indicatorCode,
        CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageReview);
        if (string.IsNullOrWhiteSpace(description) || string.IsNullOrWhiteSpace(picUnit))
        {
            throw new UserMessageException(localizer["Review.ActionItemRequired"]);
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var m = await db.ReviewMeetings.FirstOrDefaultAsync(x => x.Year == meeting.Year && x.Quarter == meeting.Quarter, cancellationToken)
            ?? throw new UserMessageException(localizer["Review.MeetingFirst"]);
        int? indicatorId = string.IsNullOrEmpty(indicatorCode) ? null
            : await db.Indicators.Where(i => i.Code == indicatorCode).Select(i => (int?)i.Id).FirstOrDefaultAsync(cancellationToken);
        var item = new ActionItem
        {
            ReviewMeetingId = m.Id, Description = description.Trim(), PicUnit = picUnit.Trim(), DueDate = dueDate, IndicatorId = indicatorId,
        };
        db.ActionItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return item.Id;
    }

    /// <summary>Moves a follow-up to a new status; Done records today as its completion date.</summary>
    public async Task SetActionItemStatusAsync(int id, ActionItemStatus status, int expectedVersion, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageReview);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var item = await db.ActionItems.FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new UserMessageException(localizer["Review.ActionItemMissing"]);
        if (item.Version != expectedVersion)
        {
            throw await ActionItemConflictAsync(db, item, cancellationToken);
        }
        EditConflicts.ExpectVersion(db, item, expectedVersion);
        item.Status = status;
        item.CompletedOn = status == ActionItemStatus.Done ? Today : null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved by someone else between the check above and this write.
            await using var fresh = await contextFactory.CreateDbContextAsync(cancellationToken);
            var now = await fresh.ActionItems.AsNoTracking().FirstAsync(a => a.Id == id, cancellationToken);
            throw await ActionItemConflictAsync(fresh, now, cancellationToken);
        }
    }

    /// <summary>The refusal of a stale status change: the status (and completion date) saved by the other person, who, when (from the audit log).</summary>
    private async Task<EditConflictException> ActionItemConflictAsync(MonevDbContext db, ActionItem stored, CancellationToken cancellationToken)
    {
        var current = stored.CompletedOn is { } done
            ? localizer["Review.CompletedOn", FigureFormatter.Date(done)].Value
            : localizer["ActionStatus." + stored.Status].Value;
        return await conflicts.ConflictAsync(db, localizer["Conflict.ActionItem", EditConflicts.Quote(stored.Description)], "ActionItem",
            stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), current, cancellationToken);
    }
}

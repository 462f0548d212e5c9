using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Figures;
using MonevDashboard.Domain.Access;

using MonevDashboard.Features.Periods;

namespace MonevDashboard.Features.DataEntry;

/// <summary>
/// Data entry for one ministry and quarter: the sheet to fill, saving drafts with optimistic concurrency, and the
/// same write rules as every other path — permission (AccessGuard), quarter lock (QuarterLock), content rules
/// (ObservationRules) and the audit interceptor. A save is all or nothing.
/// </summary>
public sealed class DataEntryService(
    IDbContextFactory<MonevDbContext> contextFactory,
    AccessGuard guard,
    QuarterLock quarterLock,
    ObservationRules rules,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer,
    LongWrites longWrites)
{
    /// <summary>
    /// How long an interactive save waits for its turn to write (SQLite's write lock, PostgreSQL's write advisory lock,
    /// held e.g. by an import in another process) before it says so; the app's other work waits longer.
    /// </summary>
    public const int InteractiveBusyTimeoutSeconds = 5;

    public async Task<EntrySheet> GetSheetAsync(YearQuarter period, Ministry ministry, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ViewFigures);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var indicators = await IndicatorsOf(db, ministry).ToListAsync(cancellationToken);
        var ids = indicators.Select(i => i.Id).ToList();
        var previous = period.Previous();
        var rows = await db.Observations.AsNoTracking()
            .Where(o => ids.Contains(o.IndicatorId)
                && (o.Year == period.Year && o.Quarter == period.Quarter || o.Year == previous.Year && o.Quarter == previous.Quarter))
            .ToListAsync(cancellationToken);
        var recentCountries = await EntryCells.RecentCountriesAsync(db, ids, period, cancellationToken);
        var provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.Code).ToDictionaryAsync(p => p.Code, p => p.Name, cancellationToken);
        var countries = await db.Countries.AsNoTracking().ToDictionaryAsync(c => c.Code, c => CultureNames(c.NameId, c.NameEn), cancellationToken);
        var submission = await db.Submissions.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Year == period.Year && s.Quarter == period.Quarter && s.Ministry == ministry, cancellationToken);
        var locked = await QuarterLock.IsLockedAsync(db, period, cancellationToken);
        var showsChanges = guard.May(MonevAction.VerifyFigures, ministry);
        var changedSinceVerification = showsChanges
            ? await ChangesSinceVerification.LoadAsync(db, period, ministry, submission, indicators.ToDictionary(i => i.Id, i => i.Code),
                [.. rows.Where(o => o.Year == period.Year && o.Quarter == period.Quarter)], cancellationToken)
            : new Dictionary<CellKey, VerifiedFigure>();

        var sections = indicators.Select(indicator =>
        {
            var own = rows.Where(o => o.IndicatorId == indicator.Id).ToList();
            var current = own.Where(o => o.Year == period.Year && o.Quarter == period.Quarter)
                .ToDictionary(o => Key(indicator, o), o => new StoredCell(Key(indicator, o), o.Value, o.Numerator, o.Denominator,
                    o.Status, o.ReturnReason, o.Version, o.UpdatedBy, o.UpdatedAt));
            var before = own.Where(o => o.Year == previous.Year && o.Quarter == previous.Quarter)
                .ToDictionary(o => Key(indicator, o), o => o.Value);
            var countryList = indicator.Allows(Disaggregation.Country)
                ? recentCountries.Where(c => c.IndicatorId == indicator.Id).Select(c => c.CountryCode)
                    .Concat(current.Keys.Select(k => k.CountryCode)).Where(c => c != "").Distinct()
                    .OrderBy(c => countries.GetValueOrDefault(c, c), StringComparer.CurrentCulture).ToList()
                : [];
            var provinceList = indicator.Allows(Disaggregation.Province) ? provinces.Keys.ToList() : [];
            return new EntrySection(indicator.Code, indicator.NameId, indicator.NameEn, indicator.Unit, indicator.Owner,
                indicator.Aggregation, indicator.Disaggregations, indicator.NumeratorNotAboveDenominator,
                provinceList, countryList, current, before, EntryCells.Expected(indicator, provinceList.Count, countryList.Count))
            {
                UnitEn = indicator.UnitEn,
                ChangedSinceVerification = changedSinceVerification.Where(c => c.Key.IndicatorCode == indicator.Code).ToDictionary(),
            };
        }).ToList();

        var report = ReportState.Of(period, submission?.Status, clock.TodayInWib());
        var status = report.Status;
        var mayVerify = !locked && guard.May(MonevAction.VerifyFigures, ministry) && status == SubmissionStatus.Submitted;
        var verifyRefusal = mayVerify
            ? ReviewIndependence.Refusal(
                await ReviewIndependence.OwnWorkAsync(db, period, ministry, ids, guard.User.UserName, cancellationToken), localizer)
            : null;
        return new EntrySheet(period, ministry, status, submission?.SubmittedAt, submission?.SubmittedBy, submission?.FirstSubmittedAt,
            status == SubmissionStatus.Returned ? submission?.ReturnReason : null, submission?.ReturnedBy, locked,
            CanEdit: !locked && guard.May(MonevAction.EditFigures, ministry),
            CanSubmit: !locked && guard.May(MonevAction.SubmitFigures, ministry) && status is SubmissionStatus.Draft or SubmissionStatus.Returned,
            CanVerify: mayVerify && verifyRefusal is null,
            ReasonRequired: submission?.FirstSubmittedAt is not null,
            sections, provinces, countries)
        {
            CanChangeVerified = guard.May(MonevAction.ChangeVerifiedFigures, ministry),
            ReasonOffered = sections.Any(s => s.Cells.Values.Any(c => ReportWorkflow.IsSubmittedOrVerified(c.Status))),
            VerifyRefusal = verifyRefusal,
            Report = report,
            LastVerifiedAt = submission?.VerifiedAt,
            ShowsChangesSinceVerification = showsChanges,
        };
    }

    /// <summary>
    /// Saves the user's changes as Draft. Refused as a whole — nothing written — when any cell breaks a rule, a
    /// cell was changed by someone else since it was loaded (unless the user chose to overwrite it), the quarter
    /// is locked, the user may not edit the ministry's figures, or the report was already submitted and no reason is given.
    /// </summary>
    /// <exception cref="DatabaseBusyException">when an import is running, or the write lock stayed taken for
    /// <see cref="InteractiveBusyTimeoutSeconds"/>: nothing was written and the user's input stays on the page.</exception>
    public async Task<SaveResult> SaveAsync(YearQuarter period, Ministry ministry, IReadOnlyList<CellEdit> edits, string? reason,
        CancellationToken cancellationToken = default)
    {
        if (longWrites.Current is { } running)
        {
            throw new DatabaseBusyException(localizer["Entry.ImportRunning", running.Description, running.UserName]);
        }
        try
        {
            return await SaveWithinBoundAsync(period, ministry, edits, reason, cancellationToken);
        }
        catch (Exception ex) when (DatabaseDialect.IsBusy(ex))
        {
            throw new DatabaseBusyException(localizer["Entry.DatabaseBusy", InteractiveBusyTimeoutSeconds]);
        }
    }

    private async Task<SaveResult> SaveWithinBoundAsync(YearQuarter period, Ministry ministry, IReadOnlyList<CellEdit> edits, string? reason,
        CancellationToken cancellationToken)
    {
        guard.Demand(MonevAction.EditFigures, ministry, localizer["Owner." + ministry]);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await DatabaseDialect.Of(db).BeginSerializedWriteAsync(
            db.Database, TimeSpan.FromSeconds(InteractiveBusyTimeoutSeconds), cancellationToken);
        await quarterLock.EnsureOpenAsync(db, [period], cancellationToken);
        var submission = await db.Submissions
            .FirstOrDefaultAsync(s => s.Year == period.Year && s.Quarter == period.Quarter && s.Ministry == ministry, cancellationToken);
        if (submission?.FirstSubmittedAt is not null && string.IsNullOrWhiteSpace(reason))
        {
            throw new WorkflowException(localizer["Entry.ReasonRequired"]);
        }

        var indicators = await IndicatorsOf(db, ministry).ToDictionaryAsync(i => i.Code, cancellationToken);
        var codes = new ReferenceCodes(
            await db.Provinces.Select(p => p.Code).ToHashSetAsync(cancellationToken),
            await db.Countries.Select(c => c.Code).ToHashSetAsync(cancellationToken));
        var errors = new List<CellError>();
        foreach (var edit in edits)
        {
            if (!indicators.TryGetValue(edit.Key.IndicatorCode, out var indicator) || !guard.May(MonevAction.EditFigures, indicator.Owner))
            {
                errors.Add(new CellError(edit.Key, localizer["Entry.NotYourIndicator", edit.Key.IndicatorCode]));
                continue;
            }
            if (!edit.IsBlank)
            {
                errors.AddRange(rules.Validate(indicator, ToCell(edit, period), codes).Where(v => !v.IsWarning)
                    .Select(v => new CellError(edit.Key, v.Message)));
            }
        }
        if (errors.Count > 0)
        {
            return new SaveResult(0, 0, 0, [], errors);
        }

        var ids = edits.Select(e => indicators[e.Key.IndicatorCode].Id).Distinct().ToList();
        var existing = await db.Observations
            .Where(o => ids.Contains(o.IndicatorId) && o.Year == period.Year && o.Quarter == period.Quarter)
            .ToDictionaryAsync(o => (o.IndicatorId, o.ProvinceCode, o.CountryCode, o.Sex), cancellationToken);
        var conflicts = new List<EditConflict>();
        foreach (var edit in edits.Where(e => !e.Overwrite))
        {
            var stored = existing.GetValueOrDefault((indicators[edit.Key.IndicatorCode].Id, edit.Key.ProvinceCode, edit.Key.CountryCode, edit.Key.Sex));
            if (stored is not null && stored.Version != edit.ExpectedVersion)
            {
                conflicts.Add(new EditConflict(edit.Key, stored.Value, stored.Numerator, stored.Denominator, stored.UpdatedBy, stored.UpdatedAt));
            }
            else if (stored is null && edit.ExpectedVersion is not null)
            {
                conflicts.Add(new EditConflict(edit.Key, null, null, null, "", null));
            }
        }
        if (conflicts.Count > 0)
        {
            return new SaveResult(0, 0, 0, conflicts, []);
        }

        // What really changes (a value shown the same is no change), and the workflow rules on it: a verified figure
        // only for those who may change verified figures, a reason once a report holding it was submitted.
        var changed = new List<(CellEdit Edit, Indicator Indicator, Observation? Stored)>();
        foreach (var edit in edits)
        {
            var indicator = indicators[edit.Key.IndicatorCode];
            var stored = existing.GetValueOrDefault((indicator.Id, edit.Key.ProvinceCode, edit.Key.CountryCode, edit.Key.Sex));
            if (edit.IsBlank ? stored is not null : stored is null || !Same(stored, indicator, ToCell(edit, period)))
            {
                changed.Add((edit, indicator, stored));
            }
        }
        var verified = changed.Where(c => c.Stored?.Status == ObservationStatus.Verified && !guard.May(MonevAction.ChangeVerifiedFigures, c.Indicator.Owner))
            .Select(c => DescribeCell(c.Edit.Key)).ToList();
        if (verified.Count > 0)
        {
            throw new WorkflowException(localizer["Entry.VerifiedLocked", string.Join("; ", verified)]);
        }
        var figures = changed.Select(c => new ChangedFigure(period, c.Indicator.Owner, c.Stored?.Status)).ToList();
        if (string.IsNullOrWhiteSpace(reason) && ReportWorkflow.NeedsReason(figures, await ReportWorkflow.ReportsAsync(db, figures, cancellationToken)))
        {
            throw new WorkflowException(localizer["Entry.ReasonRequired"]);
        }

        int inserted = 0, updated = 0, removed = 0;
        foreach (var edit in edits)
        {
            var indicator = indicators[edit.Key.IndicatorCode];
            var stored = existing.GetValueOrDefault((indicator.Id, edit.Key.ProvinceCode, edit.Key.CountryCode, edit.Key.Sex));
            if (edit.IsBlank)
            {
                if (stored is not null)
                {
                    db.Observations.Remove(stored);
                    removed++;
                }
                continue;
            }
            var cell = ToCell(edit, period);
            if (stored is null)
            {
                stored = new Observation
                {
                    IndicatorId = indicator.Id, Year = period.Year, Quarter = period.Quarter,
                    ProvinceCode = edit.Key.ProvinceCode, CountryCode = edit.Key.CountryCode, Sex = edit.Key.Sex,
                };
                db.Observations.Add(stored);
                inserted++;
            }
            else if (Same(stored, indicator, cell))
            {
                continue;
            }
            else
            {
                updated++;
            }
            stored.Value = ObservationRules.StoredValue(indicator, cell);
            stored.Numerator = indicator.IsRatioLike ? cell.Numerator : null;
            stored.Denominator = indicator.IsRatioLike ? cell.Denominator : null;
            stored.Status = ObservationStatus.Draft;
            stored.ReturnReason = null;
        }
        // A change after submission reopens every report holding a changed figure (a joint one: both ministries').
        await ReportWorkflow.ReopenAsync(db, figures, cancellationToken);
        db.AuditReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveResult(inserted, updated, removed, [], []);
    }

    public Task SubmitAsync(YearQuarter period, Ministry ministry, CancellationToken cancellationToken = default) =>
        TransitionAsync(period, ministry, MonevAction.SubmitFigures, [SubmissionStatus.Draft, SubmissionStatus.Returned],
            SubmissionStatus.Submitted, null, cancellationToken);

    public Task VerifyAsync(YearQuarter period, Ministry ministry, CancellationToken cancellationToken = default) =>
        TransitionAsync(period, ministry, MonevAction.VerifyFigures, [SubmissionStatus.Submitted], SubmissionStatus.Verified, null, cancellationToken);

    /// <summary>Returns the submitted report with a reason; the reason may point at cells (<paramref name="pointedCells"/>), which
    /// then carry it (<see cref="StoredCell.ReturnReason"/>) until they are changed or the report is submitted again.</summary>
    public Task ReturnAsync(YearQuarter period, Ministry ministry, string reason, IReadOnlyCollection<CellKey>? pointedCells = null,
        CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(reason)
            ? throw new WorkflowException(localizer["Entry.ReturnReasonRequired"])
            : TransitionAsync(period, ministry, MonevAction.VerifyFigures, [SubmissionStatus.Submitted], SubmissionStatus.Returned, reason.Trim(),
                cancellationToken, pointedCells ?? []);

    /// <summary>
    /// Moves a ministry's quarter report from one state to the next and its figures with it. Refused when the user
    /// may not, the quarter is locked, the report is not in a state the step starts from, or — for the verifier's
    /// verdict, verify or return — the user entered or submitted figures of this report (<see cref="ReviewIndependence"/>).
    /// </summary>
    private async Task TransitionAsync(YearQuarter period, Ministry ministry, MonevAction action, SubmissionStatus[] from,
        SubmissionStatus to, string? reason, CancellationToken cancellationToken, IReadOnlyCollection<CellKey>? pointedCells = null)
    {
        guard.Demand(action, ministry, localizer["Owner." + ministry]);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Takes turns with imports and saves, across processes on PostgreSQL too.
        await using var transaction = await DatabaseDialect.Of(db).BeginSerializedWriteAsync(db.Database, null, cancellationToken);
        await quarterLock.EnsureOpenAsync(db, [period], cancellationToken);
        var submission = await db.Submissions
            .FirstOrDefaultAsync(s => s.Year == period.Year && s.Quarter == period.Quarter && s.Ministry == ministry, cancellationToken);
        if (submission is null)
        {
            submission = new Submission { Year = period.Year, Quarter = period.Quarter, Ministry = ministry };
            db.Submissions.Add(submission);
        }
        if (!from.Contains(submission.Status))
        {
            throw new WorkflowException(localizer["Entry.InvalidTransition", localizer["Submission." + submission.Status], localizer["Submission." + to]]);
        }
        var codes = await IndicatorsOf(db, ministry).ToDictionaryAsync(i => i.Id, i => i.Code, cancellationToken);
        var ids = codes.Keys.ToList();
        if (action == MonevAction.VerifyFigures
            && ReviewIndependence.Refusal(await ReviewIndependence.OwnWorkAsync(db, period, ministry, ids, guard.User.UserName, cancellationToken), localizer)
                is { } refusal)
        {
            throw new WorkflowException(refusal);
        }
        var figures = db.Observations.Where(o => ids.Contains(o.IndicatorId) && o.Year == period.Year && o.Quarter == period.Quarter);
        if (to == SubmissionStatus.Submitted && !await figures.AnyAsync(cancellationToken))
        {
            throw new WorkflowException(localizer["Entry.NothingToSubmit"]);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var user = guard.User.UserName;
        switch (to)
        {
            case SubmissionStatus.Submitted:
                submission.SubmittedAt = now;
                submission.SubmittedBy = user;
                submission.FirstSubmittedAt ??= now;
                submission.ReturnReason = null;
                await SetStatusAsync(figures, [ObservationStatus.Draft, ObservationStatus.Returned], ObservationStatus.Submitted, null, cancellationToken);
                break;
            case SubmissionStatus.Verified:
                submission.VerifiedAt = now;
                submission.VerifiedBy = user;
                await SetStatusAsync(figures, [ObservationStatus.Submitted], ObservationStatus.Verified, null, cancellationToken);
                break;
            case SubmissionStatus.Returned:
                submission.ReturnedAt = now;
                submission.ReturnedBy = user;
                submission.ReturnReason = reason;
                await ReturnFiguresAsync(figures, codes, reason!, pointedCells ?? [], cancellationToken);
                break;
        }
        submission.Status = to;
        db.AuditReason = reason;
        // One entry for the step, listing the figures it moved (not one per figure).
        db.AuditOneEntryFor = submission;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task SetStatusAsync(IQueryable<Observation> figures, ObservationStatus[] from, ObservationStatus to, string? reason,
        CancellationToken cancellationToken)
    {
        foreach (var observation in await figures.Where(o => from.Contains(o.Status)).ToListAsync(cancellationToken))
        {
            observation.Status = to;
            observation.ReturnReason = reason;
        }
    }

    /// <summary>
    /// Moves the submitted figures to Returned. The reason stays on the report; a figure carries it only when the
    /// verifier pointed at it, so the operator sees which cells the reason is about. A pointed cell that is not a
    /// submitted figure of the report (blank, or changed meanwhile) refuses the return as a whole.
    /// </summary>
    private async Task ReturnFiguresAsync(IQueryable<Observation> figures, IReadOnlyDictionary<int, string> codes, string reason,
        IReadOnlyCollection<CellKey> pointedCells, CancellationToken cancellationToken)
    {
        var submitted = await figures.Where(o => o.Status == ObservationStatus.Submitted).ToListAsync(cancellationToken);
        var byCell = submitted.ToDictionary(o => new CellKey(codes[o.IndicatorId], o.ProvinceCode, o.CountryCode, o.Sex));
        var missing = pointedCells.Where(c => !byCell.ContainsKey(c)).Select(DescribeCell).ToList();
        if (missing.Count > 0)
        {
            throw new WorkflowException(localizer["EntryAid.PointedNotInReport", string.Join("; ", missing)]);
        }
        var pointed = pointedCells.ToHashSet();
        foreach (var (cell, observation) in byCell)
        {
            observation.Status = ObservationStatus.Returned;
            observation.ReturnReason = pointed.Contains(cell) ? reason : null;
        }
    }

    /// <summary>The indicators a ministry reports: its own and the joint ones; computed indicators are never entered.</summary>
    private static IQueryable<Indicator> IndicatorsOf(MonevDbContext db, Ministry ministry) =>
        db.Indicators.AsNoTracking()
            .Where(i => i.IsActive && i.Aggregation != TimeAggregation.Derived && (i.Owner == ministry || i.Owner == Ministry.Bersama))
            .OrderBy(i => i.Pillar!.SortOrder).ThenBy(i => i.SortOrder);

    private static CellKey Key(Indicator indicator, Observation o) => new(indicator.Code, o.ProvinceCode, o.CountryCode, o.Sex);

    private static ObservationCell ToCell(CellEdit edit, YearQuarter period) =>
        new(edit.Key.IndicatorCode, period.Year, period.Quarter, edit.Key.ProvinceCode, edit.Key.CountryCode, edit.Key.Sex,
            edit.Value, edit.Numerator, edit.Denominator);

    private static bool Same(Observation stored, Indicator indicator, ObservationCell cell) =>
        ObservationRules.SameFigure(indicator, cell.Value, cell.Numerator, cell.Denominator, stored.Value, stored.Numerator, stored.Denominator);

    private static string DescribeCell(CellKey key) =>
        string.Join(" · ", new[] { key.IndicatorCode, key.ProvinceCode, key.CountryCode, key.Sex }.Where(p => p.Length > 0));

    private static string CultureNames(string id, string en) => CultureSetup.IsEnglish ? en : id;
}

/// <summary>The database's write lock is taken (an import is running): nothing was written; try again shortly.</summary>
public sealed class DatabaseBusyException(string message) : UserMessageException(message);

using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.AuditLog;
using MonevDashboard.Features.Periods;
using MonevDashboard.Figures;
using MonevDashboard.Infrastructure;

namespace MonevDashboard.Features.ExcelImport;

/// <summary>
/// The import pipeline, the same for the page and the command line: read the upload (within the size limit) →
/// read the workbook → apply the write rules → compare with what is stored → preview; then, when the user
/// confirms, commit the whole file in one transaction, or nothing.
/// </summary>
public sealed class ImportService(
    IDbContextFactory<MonevDbContext> contextFactory,
    ObservationWorkbookReader reader,
    ImportValidator validator,
    AccessGuard guard,
    QuarterLock quarterLock,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer,
    IOptions<ImportOptions> options,
    LongWrites longWrites,
    Figures.CrossIndicatorChecks crossChecks,
    ILogger<ImportService> logger)
{
    public ImportOptions Limits => options.Value;

    /// <summary>Whether the acting user may import anything at all (their own ministry's or joint indicators).</summary>
    public bool MayImport => guard.May(MonevAction.ImportFigures, Ministry.Bersama);

    /// <summary>A dry run: everything up to the commit, and nothing written. A refused file is logged.</summary>
    /// <exception cref="AccessDeniedException">when the user may not import at all.</exception>
    /// <exception cref="ImportFailedException">when reading failed unexpectedly (logged with a reference).</exception>
    public async Task<ImportPreview> PreviewAsync(
        Stream upload, string fileName, long declaredSize = 0, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ImportFigures, Ministry.Bersama);
        var user = guard.User.UserName;
        ImportPreview preview;
        try
        {
            preview = await PreviewCoreAsync(upload, fileName, declaredSize, progress, cancellationToken);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or AccessDeniedException or UserMessageException))
        {
            var reference = UnexpectedErrorReference.New();
            logger.LogError(ex, "Import preview of {FileName} by {User} failed; nothing written (reference {ErrorReference})", fileName, user, reference);
            throw new ImportFailedException(localizer["Import.FailedNothingWritten", reference]);
        }
        if (preview.HasErrors)
        {
            var first = preview.Errors.First();
            logger.LogWarning(
                "Import of {FileName} ({Sha256}) by {User} refused: {ErrorCount} errors, first {Rule} at {Sheet}!{Cell}: {Reason}",
                preview.FileName, preview.Sha256, user, preview.ErrorCount, first.Rule, first.Sheet, first.CellAddress, first.Message);
        }
        return preview;
    }

    private async Task<ImportPreview> PreviewCoreAsync(
        Stream upload, string fileName, long declaredSize, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        fileName = Path.GetFileName(fileName);
        if (declaredSize > Limits.MaxBytes)
        {
            return Refused(fileName, declaredSize, reader.Refused(PackageProblem.TooLarge).Issues);
        }
        var bytes = await UploadBuffer.ReadLimitedAsync(upload, Limits.MaxBytes, progress, declaredSize, cancellationToken);
        if (bytes is null)
        {
            return Refused(fileName, declaredSize, reader.Refused(PackageProblem.TooLarge).Issues);
        }
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));

        // Reading and checking 100,000 rows is CPU work: off the caller's thread, so a page stays responsive.
        var content = await Task.Run(() => reader.Read(bytes, fileName, progress, cancellationToken), cancellationToken);
        var catalogue = await LoadCatalogueAsync(cancellationToken);
        var parsed = await Task.Run(() => validator.Parse(content, catalogue, progress, cancellationToken), cancellationToken);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await ObservationImportWriter.LoadAsync(db, parsed.PeriodsToLoad(), cancellationToken);
        var storedTargets = await LoadTargetsAsync(db, parsed, cancellationToken);
        var plan = validator.Plan(parsed, stored, storedTargets);

        var previous = await db.ImportBatches.AsNoTracking()
            .Where(b => b.Sha256 == sha256)
            .OrderByDescending(b => b.Id)
            .Select(b => new PreviousImport(b.Id, b.ImportedAt, b.UserName, b.Status))
            .FirstOrDefaultAsync(cancellationToken);
        var workflow = await WorkflowAsync(db, plan, cancellationToken);
        // The rows that would be written, against the stored figures of their quarters: warnings, never a refusal.
        var crossRuleWarnings = await crossChecks.ForPendingAsync([.. plan.Observations
            .Where(o => o.Outcome is RowOutcome.New or RowOutcome.Changed)
            .Select(o => new Figures.PendingFigure(o.Row.Key.IndicatorId, o.Row.Key.Year, o.Row.Key.Quarter, o.Row.Key.ProvinceCode, o.Row.Key.CountryCode,
                o.Row.Key.Sex, o.Existing is { } e ? new Figures.PlacedSum(e.Value, e.Numerator, e.Denominator) : null,
                new Figures.PlacedSum(o.Row.Value, o.Row.Numerator, o.Row.Denominator)))], cancellationToken);
        var issues = plan.Issues.ToList();
        if (previous is not null)
        {
            issues.Insert(0, ImportIssue.File("Import.AlreadyImported", localizer["Import.AlreadyImported",
                FigureFormatter.DateTimeWib(previous.ImportedAt), previous.UserName, previous.BatchId]) with { IsWarning = true });
        }
        // However many rows are wrong, the preview holds at most MaxIssues errors and as many warnings; the rest is counted.
        var capped = ImportIssueLimit.Apply(issues, Limits.MaxIssues);
        return new ImportPreview(fileName, sha256, bytes.LongLength, plan.ObservationCounts, plan.TargetCounts, capped.Kept, Changes(plan), previous)
        {
            OmittedErrors = parsed.OmittedErrors + capped.OmittedErrors,
            OmittedWarnings = parsed.OmittedWarnings + capped.OmittedWarnings,
            IsWorkbook = content.IsWorkbook,
            File = bytes,
            Plan = plan,
            PreparedBy = guard.User.UserName,
            Workflow = workflow,
            CrossRuleWarnings = crossRuleWarnings,
        };
    }

    /// <summary>
    /// Writes a clean preview in one transaction: every figure or none. The stored figures it compared with are
    /// checked again under the write lock; if any moved, or a quarter was locked meanwhile, nothing is written.
    /// </summary>
    /// <param name="reason">Why the file changes figures already submitted or verified: required then (the entry
    /// grid's rule, <see cref="ReportWorkflow"/>), stored on the batch and on every audit entry it writes.</param>
    /// <exception cref="ImportRefusedException">when the preview has errors or belongs to another user, or a reason is missing.</exception>
    /// <exception cref="ImportConflictException">when the data changed since the preview.</exception>
    /// <exception cref="ImportFailedException">when writing failed unexpectedly: rolled back, logged with a reference.</exception>
    public async Task<ImportResult> CommitAsync(ImportPreview preview, IProgress<ImportProgress>? progress = null, string? reason = null,
        CancellationToken cancellationToken = default)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var user = guard.User.UserName;
        // Interactive saves see this and say at once that an import is running, rather than wait for the write lock.
        using var running = longWrites.Begin(preview.FileName, user);
        try
        {
            return await CommitCoreAsync(preview, progress, reason, cancellationToken);
        }
        catch (Exception ex) when (ex is ImportConflictException or ImportRefusedException or AccessDeniedException)
        {
            logger.LogWarning("Import of {FileName} ({Sha256}) by {User} refused at commit; nothing written: {Reason}",
                preview.FileName, preview.Sha256, user, ex.Message);
            throw;
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Import of {FileName} ({Sha256}) by {User} cancelled; rolled back, nothing written", preview.FileName, preview.Sha256, user);
            throw;
        }
        catch (Exception ex)
        {
            // Everything up to the transaction's commit: a failure rolls the whole file back.
            var reference = UnexpectedErrorReference.New();
            logger.LogError(ex, "Import of {FileName} ({Sha256}) by {User} failed; rolled back, nothing written (reference {ErrorReference})",
                preview.FileName, preview.Sha256, user, reference);
            throw new ImportFailedException(localizer["Import.FailedNothingWritten", reference]);
        }
    }

    private async Task<ImportResult> CommitCoreAsync(ImportPreview preview, IProgress<ImportProgress>? progress, string? reason,
        CancellationToken cancellationToken)
    {
        if (preview.HasErrors || preview.Plan is not { } plan)
        {
            throw new ImportRefusedException(localizer["Import.CannotCommitErrors"]);
        }
        if (preview.PreparedBy != guard.User.UserName)
        {
            throw new ImportRefusedException(localizer["Import.OtherUsersPreview"]);
        }
        if (!preview.HasChanges)
        {
            return new ImportResult(null, preview.Observations, preview.Targets);
        }
        var writes = plan.Observations.Where(o => o.Outcome is RowOutcome.New or RowOutcome.Changed).ToList();
        var targetWrites = plan.Targets.Where(t => t.Outcome is RowOutcome.New or RowOutcome.Changed).ToList();
        foreach (var owner in writes.Select(w => w.Row.Indicator.Owner).Distinct())
        {
            guard.Demand(MonevAction.ImportFigures, owner);
        }
        foreach (var owner in writes.Where(w => w.Existing?.Status == ObservationStatus.Verified).Select(w => w.Row.Indicator.Owner).Distinct())
        {
            guard.Demand(MonevAction.ChangeVerifiedFigures, owner, localizer["Owner." + owner]);
        }
        if (targetWrites.Count > 0)
        {
            guard.Demand(MonevAction.ManageTargets);
        }
        var figures = Figures(plan);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // One import (rollback, save, workflow step) writes at a time, across processes: what the preview compared with
        // is checked again below under that turn, and nothing can move in between.
        await using var transaction = await DatabaseDialect.Of(db).BeginSerializedWriteAsync(db.Database, null, cancellationToken);
        await EnsureUnchangedSincePreviewAsync(db, plan, writes, targetWrites, cancellationToken);
        // Decided on the reports as they are now, in the write transaction: one submitted since the preview counts too.
        if (reason is null && ReportWorkflow.NeedsReason(figures, await ReportWorkflow.ReportsAsync(db, figures, cancellationToken)))
        {
            throw new ImportRefusedException(ReasonRequiredMessage(preview));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var user = guard.User.UserName;
        var auditReason = reason is null
            ? localizer["Import.AuditReason", preview.FileName].Value
            : localizer["Import.AuditReasonWithReason", preview.FileName, reason].Value;
        var batch = new ImportBatch
        {
            FileName = preview.FileName,
            Sha256 = preview.Sha256,
            UserName = user,
            ImportedAt = now,
            RowsRead = preview.Observations.Read + preview.Targets.Read,
            Inserted = preview.Observations.New,
            Updated = preview.Observations.Changed,
            Unchanged = preview.Observations.Unchanged,
            Rejected = 0,
            TargetsWritten = targetWrites.Count,
            Reason = reason,
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);

        progress?.Report(new ImportProgress(ImportStage.Commit, 0, writes.Count));
        await ObservationImportWriter.WriteAsync(db, batch.Id, plan.Observations, user, now, auditReason, progress, cancellationToken);

        db.AuditImportBatchId = batch.Id;
        db.AuditReason = auditReason;
        // Like an edit in the entry grid: every report holding a changed figure goes back to Draft (joint: both).
        await ReportWorkflow.ReopenAsync(db, figures, cancellationToken);
        foreach (var target in targetWrites)
        {
            if (target.Existing is { } existing)
            {
                var tracked = new Target { Id = existing.Id, IndicatorId = existing.IndicatorId, Year = existing.Year, Quarter = existing.Quarter, Value = existing.Value, Version = existing.Version };
                db.Targets.Attach(tracked);
                tracked.Value = target.Row.Value;
                db.Entry(tracked).Property(t => t.Value).IsModified = true;
            }
            else
            {
                db.Targets.Add(new Target { IndicatorId = target.Row.Indicator.Id, Year = target.Row.Year, Quarter = target.Row.Quarter, Value = target.Row.Value });
            }
        }
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            UserName = user,
            Action = AuditEntryFormat.Import,
            EntityType = nameof(ImportBatch),
            EntityKey = batch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            NewValues = AuditEntryFormat.Serialize([
                (nameof(batch.FileName), batch.FileName), (nameof(batch.Sha256), batch.Sha256), (nameof(batch.RowsRead), batch.RowsRead),
                (nameof(batch.Inserted), batch.Inserted), (nameof(batch.Updated), batch.Updated), (nameof(batch.Unchanged), batch.Unchanged),
                (nameof(batch.TargetsWritten), batch.TargetsWritten), (nameof(batch.Reason), batch.Reason)]),
            Reason = auditReason,
            ImportBatchId = batch.Id,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Import batch {BatchId} of {FileName} by {User} written: {Inserted} new, {Updated} changed, {TargetsWritten} targets",
                batch.Id, batch.FileName, user, batch.Inserted, batch.Updated, batch.TargetsWritten);
        }
        var result = new ImportResult(batch.Id, preview.Observations, preview.Targets);
        try
        {
            // A large import can change the shape of the data the query planner's statistics describe. The figures are
            // written by now: neither a failure nor a cancellation here may tell the user that nothing was.
            await QueryPlannerStatistics.RefreshAsync(db, CancellationToken.None);
        }
        catch (Exception ex)
        {
            var reference = UnexpectedErrorReference.New();
            logger.LogError(ex, "Import batch {BatchId} of {FileName} by {User} was written, but refreshing the query statistics failed (reference {ErrorReference})",
                batch.Id, batch.FileName, user, reference);
            result = result with { FollowUpFailedReference = reference };
        }
        progress?.Report(new ImportProgress(ImportStage.Done, writes.Count, writes.Count));
        MonevLog.ImportCommitted(logger, batch.Id, user, preview.FileName, batch.Inserted, batch.Updated, batch.TargetsWritten);
        return result;
    }

    /// <summary>The figures a plan writes, with their state before it, for the workflow rule.</summary>
    private static List<ChangedFigure> Figures(ImportPlan plan) =>
    [
        .. plan.Observations.Where(o => o.Outcome is RowOutcome.New or RowOutcome.Changed)
            .Select(o => new ChangedFigure(new YearQuarter(o.Row.Key.Year, o.Row.Key.Quarter), o.Row.Indicator.Owner, o.Existing?.Status)),
    ];

    private static async Task<WorkflowImpact> WorkflowAsync(MonevDbContext db, ImportPlan plan, CancellationToken cancellationToken)
    {
        var figures = Figures(plan);
        if (figures.Count == 0)
        {
            return WorkflowImpact.None;
        }
        var reports = await ReportWorkflow.ReportsAsync(db, figures, cancellationToken);
        var ministries = figures.Where(f => ReportWorkflow.IsSubmittedOrVerified(f.Status))
            .SelectMany(f => ReportWorkflow.ReportsHolding(f.Owner), (f, ministry) => (Ministry: ministry, f.Status))
            .GroupBy(f => f.Ministry).OrderBy(g => g.Key)
            .Select(g => new MinistryImpact(g.Key, g.Count(f => f.Status == ObservationStatus.Submitted), g.Count(f => f.Status == ObservationStatus.Verified)))
            .ToList();
        var reopens = ReportWorkflow.WouldReopen(reports).Select(s => new ReportToReopen(new YearQuarter(s.Year, s.Quarter), s.Ministry, s.Status)).ToList();
        return new WorkflowImpact(ministries, reopens, ReportWorkflow.NeedsReason(figures, reports));
    }

    /// <summary>"A reason is required", naming the rows that change submitted or verified figures.</summary>
    public string ReasonRequiredMessage(ImportPreview preview)
    {
        var rows = preview.SubmittedChanges.Select(c => c.Row).Distinct().Order().ToList();
        var named = string.Join(", ", rows.Take(20).Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            + (rows.Count > 20 ? $" … (+{rows.Count - 20})" : "");
        return rows.Count > 0 ? localizer["Import.ReasonRequiredRows", named] : localizer["Import.ReasonRequired"];
    }

    /// <summary>The import template, generated from the current catalogue.</summary>
    public async Task<byte[]> TemplateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().ToListAsync(cancellationToken);
        var provinces = await db.Provinces.AsNoTracking().ToListAsync(cancellationToken);
        var countries = await db.Countries.AsNoTracking().ToListAsync(cancellationToken);
        var catalogue = new TemplateCatalogue(indicators, provinces, countries, Limits.MaxBytes, clock.GetUtcNow().UtcDateTime);
        return await Task.Run(() => ImportTemplateWriter.Write(catalogue), cancellationToken);
    }

    public const string TemplateFileName = "Template-Impor-Monev.xlsx";

    /// <summary>The ministries whose pre-filled template the acting user may take: those whose figures they may import.</summary>
    public IReadOnlyList<Ministry> PrefilledTemplateMinistries =>
        [.. guard.User.ReportingMinistries.Where(m => guard.May(MonevAction.ImportFigures, m)).Order()];

    /// <summary>"Template-Impor-Monev-Kemendag-2026-TW3.xlsx".</summary>
    public static string PrefilledTemplateFileName(Ministry ministry, YearQuarter period) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Template-Impor-Monev-{ministry}-{period.Year}-TW{period.Quarter}.xlsx");

    /// <summary>
    /// The template pre-filled for a ministry's quarter: the indicators it reports (<see cref="EntryCells.EnteredBy"/>), a
    /// row for each cell the entry sheet expects (<see cref="EntryCells.Layout"/>, the same provinces, recent countries
    /// and sexes), the quarter's stored figures in the value columns and the previous quarter's beside them for reference.
    /// </summary>
    /// <exception cref="AccessDeniedException">when the user may not import that ministry's figures.</exception>
    public async Task<byte[]> PrefilledTemplateAsync(Ministry ministry, YearQuarter period, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ImportFigures, ministry, localizer["Owner." + ministry]);
        var previous = period.Previous();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().ToListAsync(cancellationToken);
        var provinces = await db.Provinces.AsNoTracking().ToListAsync(cancellationToken);
        var countries = await db.Countries.AsNoTracking().ToListAsync(cancellationToken);
        var entered = await db.Indicators.AsNoTracking().Where(EntryCells.EnteredBy(ministry))
            .OrderBy(i => i.Pillar!.SortOrder).ThenBy(i => i.SortOrder).ToListAsync(cancellationToken);
        var ids = entered.Select(i => i.Id).ToList();
        var stored = await db.Observations.AsNoTracking()
            .Where(o => ids.Contains(o.IndicatorId)
                && (o.Year == period.Year && o.Quarter == period.Quarter || o.Year == previous.Year && o.Quarter == previous.Quarter))
            .Select(o => new { o.IndicatorId, o.Year, o.Quarter, o.ProvinceCode, o.CountryCode, o.Sex, o.Value, o.Numerator, o.Denominator, o.Source, o.Note })
            .ToListAsync(cancellationToken);
        var figures = stored.ToDictionary(
            o => (o.IndicatorId, new YearQuarter(o.Year, o.Quarter), new CellPlace(o.ProvinceCode, o.CountryCode, o.Sex)),
            o => new PrefilledFigure(o.Value, o.Numerator, o.Denominator, o.Source, o.Note));
        var recent = await EntryCells.RecentCountriesAsync(db, ids, period, cancellationToken);
        var countryNames = countries.ToDictionary(c => c.Code, c => c.NameId);
        var provinceCodes = provinces.Select(p => p.Code).Order(StringComparer.Ordinal).ToList();

        var rows = new List<PrefilledRow>();
        foreach (var indicator in entered)
        {
            // The entry sheet's recent countries, in the order of their Indonesian names.
            var countryCodes = recent.Where(c => c.IndicatorId == indicator.Id).Select(c => c.CountryCode).Distinct()
                .OrderBy(c => countryNames.GetValueOrDefault(c, c), StringComparer.Create(CellValueParser.Indonesian, true)).ToList();
            foreach (var place in EntryCells.Layout(indicator.Disaggregations, provinceCodes, countryCodes))
            {
                rows.Add(new PrefilledRow(indicator, place,
                    figures.GetValueOrDefault((indicator.Id, period, place)), figures.GetValueOrDefault((indicator.Id, previous, place))));
            }
        }
        var catalogue = new TemplateCatalogue(indicators, provinces, countries, Limits.MaxBytes, clock.GetUtcNow().UtcDateTime);
        var prefill = new TemplatePrefill(ministry, period, previous, rows);
        return await Task.Run(() => ImportTemplateWriter.Write(catalogue, prefill), cancellationToken);
    }

    /// <summary>
    /// The user's own file with each faulty cell marked and commented, and a Kesalahan sheet; null when the file
    /// cannot be opened as a workbook. When the file's own parts cannot be rewritten (a part the import never reads
    /// is broken, or a writer shaped it in a way the rewrite does not follow), the copy is rebuilt from the rows as
    /// the import read them (<see cref="RebuiltWorkbookWriter"/>), and <see cref="AnnotatedCopy.RebuiltReference"/>
    /// names the logged failure so the page can say the copy is a rebuilt one.
    /// </summary>
    /// <exception cref="ImportFailedException">when neither copy could be written (logged with a reference); the preview stays usable.</exception>
    public AnnotatedCopy? AnnotatedWorkbook(ImportPreview preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        if (!preview.CanAnnotate)
        {
            return null;
        }
        var omitted = preview.OmittedErrors + preview.OmittedWarnings;
        string? reference = null;
        try
        {
            if (AnnotatedWorkbookWriter.Write(preview.File, preview.FileName, preview.Issues, localizer, omitted) is { } annotated)
            {
                return new AnnotatedCopy(annotated, null);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            reference = UnexpectedErrorReference.New();
            logger.LogWarning(ex, "Annotated copy of refused import {FileName} ({Sha256}) for {User} could not be written in place; rebuilding it from the rows read (reference {ErrorReference})",
                preview.FileName, preview.Sha256, guard.User.UserName, reference);
        }
        try
        {
            // The rows as the import read them: whatever the rewrite could not follow, the reader did.
            var content = reader.Read(preview.File, preview.FileName);
            if (!content.IsWorkbook)
            {
                return null;
            }
            if (reference is null)
            {
                // The reader found a workbook where the rewrite found none (it looks for the parts differently).
                reference = UnexpectedErrorReference.New();
                logger.LogWarning("Annotated copy of refused import {FileName} ({Sha256}): no workbook part to rewrite; rebuilding it from the rows read (reference {ErrorReference})",
                    preview.FileName, preview.Sha256, reference);
            }
            return new AnnotatedCopy(RebuiltWorkbookWriter.Write(content, preview.FileName, preview.Issues, localizer, omitted), reference);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever a file's parts hold, the page gets a message, never an exception that ends the circuit.
            reference ??= UnexpectedErrorReference.New();
            logger.LogError(ex, "Annotated copy of refused import {FileName} ({Sha256}) for {User} failed (reference {ErrorReference})",
                preview.FileName, preview.Sha256, guard.User.UserName, reference);
            throw new ImportFailedException(localizer["Import.AnnotationFailed", reference]);
        }
    }

    private async Task EnsureUnchangedSincePreviewAsync(
        MonevDbContext db, ImportPlan plan, List<PlannedObservation> writes, List<PlannedTarget> targetWrites, CancellationToken cancellationToken)
    {
        var locked = await QuarterLock.LockedQuartersAsync(db, cancellationToken);
        foreach (var quarter in writes.Select(w => new YearQuarter(w.Row.Key.Year, w.Row.Key.Quarter))
            .Concat(targetWrites.SelectMany(t => Target.LockingQuarters(t.Row.Year, t.Row.Quarter))).Distinct())
        {
            if (locked.Contains(quarter))
            {
                throw new ImportConflictException(quarterLock.LockedMessage(quarter));
            }
        }
        var periods = plan.Observations.Select(o => (o.Row.Key.IndicatorId, o.Row.Key.Year, o.Row.Key.Quarter)).Distinct().ToList();
        var stored = await ObservationImportWriter.LoadAsync(db, periods, cancellationToken);
        foreach (var planned in plan.Observations)
        {
            stored.TryGetValue(planned.Row.Key, out var now);
            if (now?.Id != planned.Existing?.Id || now?.Version != planned.Existing?.Version)
            {
                throw new ImportConflictException(localizer["Import.ChangedSincePreview", planned.Row.Row]);
            }
        }
        var indicatorIds = plan.Targets.Select(t => t.Row.Indicator.Id).Distinct().ToList();
        var targets = await db.Targets.AsNoTracking().Where(t => indicatorIds.Contains(t.IndicatorId))
            .ToDictionaryAsync(t => (t.IndicatorId, t.Year, t.Quarter), t => t.Value, cancellationToken);
        foreach (var planned in plan.Targets)
        {
            double? now = targets.TryGetValue((planned.Row.Indicator.Id, planned.Row.Year, planned.Row.Quarter), out var value) ? value : null;
            if (now != planned.Existing?.Value)
            {
                throw new ImportConflictException(localizer["Import.ChangedSincePreview", planned.Row.Row]);
            }
        }
    }

    private async Task<ImportCatalogue> LoadCatalogueAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().ToListAsync(cancellationToken);
        var provinces = await db.Provinces.AsNoTracking().ToListAsync(cancellationToken);
        var countries = await db.Countries.AsNoTracking().ToListAsync(cancellationToken);
        var locked = await QuarterLock.LockedQuartersAsync(db, cancellationToken);
        return ImportCatalogue.Create(indicators, provinces, countries, locked);
    }

    private static async Task<Dictionary<(int IndicatorId, int Year, int Quarter), StoredTarget>> LoadTargetsAsync(
        MonevDbContext db, ParsedWorkbook parsed, CancellationToken cancellationToken)
    {
        var indicatorIds = parsed.Targets.Select(t => t.Indicator.Id).Distinct().ToList();
        if (indicatorIds.Count == 0)
        {
            return [];
        }
        return await db.Targets.AsNoTracking().Where(t => indicatorIds.Contains(t.IndicatorId))
            .Select(t => new StoredTarget(t.Id, t.IndicatorId, t.Year, t.Quarter, t.Value, t.Version))
            .ToDictionaryAsync(t => (t.IndicatorId, t.Year, t.Quarter), cancellationToken);
    }

    private static ImportPreview Refused(string fileName, long size, IReadOnlyList<ImportIssue> issues) =>
        new(fileName, "", size, ImportCounts.None, ImportCounts.None, issues, [], null);

    private static List<ImportChange> Changes(ImportPlan plan) =>
    [
        .. plan.Observations.Where(o => o.Outcome is RowOutcome.New or RowOutcome.Changed).Select(o => new ImportChange(
            DataSheetColumns.DataSheet, o.Row.Row, o.Row.Indicator.Code, o.Row.Indicator.Unit, o.Row.Key.Year, o.Row.Key.Quarter,
            o.Row.Key.ProvinceCode, o.Row.Key.CountryCode, o.Row.Key.Sex, o.Existing?.Value, o.Row.Value, o.Outcome, o.Existing?.Status,
            o.Row.Indicator.Owner)),
        .. plan.Targets.Where(t => t.Outcome is RowOutcome.New or RowOutcome.Changed).Select(t => new ImportChange(
            DataSheetColumns.TargetSheet, t.Row.Row, t.Row.Indicator.Code, t.Row.Indicator.Unit, t.Row.Year, t.Row.Quarter,
            "", "", "", t.Existing?.Value, t.Row.Value, t.Outcome)),
    ];
}

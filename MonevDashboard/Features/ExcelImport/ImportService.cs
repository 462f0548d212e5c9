using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MonevDashboard.Data;
using MonevDashboard.Features.AuditLog;
using MonevDashboard.Features.Auth;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Features.Observations;
using MonevDashboard.Features.Periods;
using MonevDashboard.Features.Targets;

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
    ILogger<ImportService> logger)
{
    public ImportOptions Limits => options.Value;

    /// <summary>Whether the acting user may import anything at all (their own ministry's or joint indicators).</summary>
    public bool MayImport => guard.May(MonevAction.ImportFigures, Ministry.Bersama);

    /// <summary>A dry run: everything up to the commit, and nothing written.</summary>
    /// <exception cref="AccessDeniedException">when the user may not import at all.</exception>
    public async Task<ImportPreview> PreviewAsync(
        Stream upload, string fileName, long declaredSize = 0, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ImportFigures, Ministry.Bersama);
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
        var issues = plan.Issues.ToList();
        if (previous is not null)
        {
            issues.Insert(0, ImportIssue.File("Import.AlreadyImported", localizer["Import.AlreadyImported",
                Localization.FigureFormatter.DateTimeWib(previous.ImportedAt), previous.UserName, previous.BatchId]) with { IsWarning = true });
        }
        return new ImportPreview(fileName, sha256, bytes.LongLength, plan.ObservationCounts, plan.TargetCounts, issues, Changes(plan), previous)
        {
            IsWorkbook = content.IsWorkbook,
            File = bytes,
            Plan = plan,
            PreparedBy = guard.User.UserName,
        };
    }

    /// <summary>
    /// Writes a clean preview in one transaction: every figure or none. The stored figures it compared with are
    /// checked again under the write lock; if any moved, or a quarter was locked meanwhile, nothing is written.
    /// </summary>
    /// <exception cref="ImportRefusedException">when the preview has errors or belongs to another user.</exception>
    /// <exception cref="ImportConflictException">when the data changed since the preview.</exception>
    public async Task<ImportResult> CommitAsync(ImportPreview preview, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
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
        if (targetWrites.Count > 0)
        {
            guard.Demand(MonevAction.ManageTargets);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await EnsureUnchangedSincePreviewAsync(db, plan, writes, targetWrites, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var user = guard.User.UserName;
        var reason = localizer["Import.AuditReason", preview.FileName].Value;
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
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);

        progress?.Report(new ImportProgress(ImportStage.Commit, 0, writes.Count));
        await ObservationImportWriter.WriteAsync(db, batch.Id, plan.Observations, user, now, reason, progress, cancellationToken);

        db.AuditImportBatchId = batch.Id;
        db.AuditReason = reason;
        foreach (var target in targetWrites)
        {
            if (target.Existing is { } existing)
            {
                var tracked = new Target { Id = existing.Id, IndicatorId = existing.IndicatorId, Year = existing.Year, Quarter = existing.Quarter, Value = existing.Value };
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
                (nameof(batch.TargetsWritten), batch.TargetsWritten)]),
            Reason = reason,
            ImportBatchId = batch.Id,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // A large import can change the shape of the data the query planner's statistics describe.
        await QueryPlannerStatistics.RefreshAsync(db, cancellationToken);
        progress?.Report(new ImportProgress(ImportStage.Done, writes.Count, writes.Count));
        Operations.MonevLog.ImportCommitted(logger, batch.Id, user, preview.FileName, batch.Inserted, batch.Updated, batch.TargetsWritten);
        return new ImportResult(batch.Id, preview.Observations, preview.Targets);
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

    /// <summary>The user's own file with each faulty cell marked and commented, and a Kesalahan sheet; null when
    /// the file cannot be opened as a workbook.</summary>
    public byte[]? AnnotatedWorkbook(ImportPreview preview) =>
        preview.CanAnnotate ? AnnotatedWorkbookWriter.Write(preview.File, preview.FileName, preview.Issues, localizer) : null;

    private async Task EnsureUnchangedSincePreviewAsync(
        MonevDbContext db, ImportPlan plan, List<PlannedObservation> writes, List<PlannedTarget> targetWrites, CancellationToken cancellationToken)
    {
        var locked = await QuarterLock.LockedQuartersAsync(db, cancellationToken);
        foreach (var quarter in writes.Select(w => new YearQuarter(w.Row.Key.Year, w.Row.Key.Quarter))
            .Concat(targetWrites.Where(t => t.Row.Quarter > 0).Select(t => new YearQuarter(t.Row.Year, t.Row.Quarter))).Distinct())
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
            .Select(t => new StoredTarget(t.Id, t.IndicatorId, t.Year, t.Quarter, t.Value))
            .ToDictionaryAsync(t => (t.IndicatorId, t.Year, t.Quarter), cancellationToken);
    }

    private static ImportPreview Refused(string fileName, long size, IReadOnlyList<ImportIssue> issues) =>
        new(fileName, "", size, ImportCounts.None, ImportCounts.None, issues, [], null);

    private static List<ImportChange> Changes(ImportPlan plan) =>
    [
        .. plan.Observations.Where(o => o.Outcome is RowOutcome.New or RowOutcome.Changed).Select(o => new ImportChange(
            DataSheetColumns.DataSheet, o.Row.Row, o.Row.Indicator.Code, o.Row.Indicator.Unit, o.Row.Key.Year, o.Row.Key.Quarter,
            o.Row.Key.ProvinceCode, o.Row.Key.CountryCode, o.Row.Key.Sex, o.Existing?.Value, o.Row.Value, o.Outcome)),
        .. plan.Targets.Where(t => t.Outcome is RowOutcome.New or RowOutcome.Changed).Select(t => new ImportChange(
            DataSheetColumns.TargetSheet, t.Row.Row, t.Row.Indicator.Code, t.Row.Indicator.Unit, t.Row.Year, t.Row.Quarter,
            "", "", "", t.Existing?.Value, t.Row.Value, t.Outcome)),
    ];
}

using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.AuditLog;
using MonevDashboard.Features.Periods;
namespace MonevDashboard.Features.ExcelImport;

/// <summary>One committed import, for the history page.</summary>
public sealed record ImportBatchSummary(
    long Id, string FileName, string UserName, DateTime ImportedAt, int RowsRead, int Inserted, int Updated, int Unchanged,
    int Rejected, int TargetsWritten, ImportBatchStatus Status, DateTime? RolledBackAt, string? RolledBackBy);

/// <summary>The outcome of a rollback: done, or refused with the reasons (at most <see cref="ImportHistoryService.MaxReasons"/>).</summary>
public sealed record RollbackResult(bool Done, IReadOnlyList<string> Reasons, int Restored = 0, int Removed = 0, int ReasonsLeftOut = 0)
{
    /// <summary>Refused only because it changes submitted or verified figures and no reason was given.</summary>
    public bool ReasonRequired { get; init; }

    public static RollbackResult Refused(params string[] reasons) => new(false, reasons);
}

/// <summary>
/// The import history, and rolling a batch back: the figures it overwrote get their previous values back and the
/// ones it added are removed — through EF, so the rollback is audited like any other change (with the batch id).
/// It is refused, with the reasons, if any of those figures changed since (their version moved on), or their
/// quarter is locked, or the user may not write them.
/// </summary>
public sealed class ImportHistoryService(
    IDbContextFactory<MonevDbContext> contextFactory, AccessGuard guard, QuarterLock quarterLock, TimeProvider clock,
    IStringLocalizer<SharedResource> localizer)
{
    public const int MaxReasons = 20;

    public async Task<IReadOnlyList<ImportBatchSummary>> HistoryAsync(int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ImportBatches.AsNoTracking()
            .OrderByDescending(b => b.Id)
            .Take(take)
            .Select(b => new ImportBatchSummary(b.Id, b.FileName, b.UserName, b.ImportedAt, b.RowsRead, b.Inserted, b.Updated,
                b.Unchanged, b.Rejected, b.TargetsWritten, b.Status, b.RolledBackAt, b.RolledBackBy))
            .ToListAsync(cancellationToken);
    }

    /// <param name="reason">Why: required when the rollback changes figures already submitted or verified (the entry
    /// grid's rule, <see cref="ReportWorkflow"/>); the reports holding them are reopened.</param>
    public async Task<RollbackResult> RollbackAsync(long batchId, string? reason = null, CancellationToken cancellationToken = default)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Takes turns with imports, saves and workflow steps, across processes on PostgreSQL too.
        await using var transaction = await DatabaseDialect.Of(db).BeginSerializedWriteAsync(db.Database, null, cancellationToken);
        var batch = await db.ImportBatches.FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken);
        if (batch is null)
        {
            return RollbackResult.Refused(localizer["Rollback.NotFound", batchId]);
        }
        if (batch.Status == ImportBatchStatus.RolledBack)
        {
            return RollbackResult.Refused(localizer["Rollback.AlreadyRolledBack", batchId, FormatWhen(batch.RolledBackAt), batch.RolledBackBy ?? ""]);
        }

        var changes = await db.ImportBatchChanges.Where(c => c.ImportBatchId == batchId).ToListAsync(cancellationToken);
        var ids = changes.Select(c => c.ObservationId).ToList();
        var observations = new Dictionary<long, Observation>();
        foreach (var chunk in ids.Chunk(5000))
        {
            foreach (var o in await db.Observations.Where(o => chunk.Contains(o.Id)).ToListAsync(cancellationToken))
            {
                observations[o.Id] = o;
            }
        }
        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Id, cancellationToken);
        var locked = await QuarterLock.LockedQuartersAsync(db, cancellationToken);
        var targetChanges = await TargetChangesAsync(db, batchId, cancellationToken);

        var reasons = new List<string>();
        var seen = new HashSet<string>();
        void Refuse(string reason)
        {
            if (seen.Add(reason))
            {
                reasons.Add(reason);
            }
        }
        var figures = new List<ChangedFigure>();
        var submittedFigures = new List<string>();
        foreach (var change in changes)
        {
            if (!observations.TryGetValue(change.ObservationId, out var o))
            {
                Refuse(localizer["Rollback.Deleted", change.ObservationId]);
                continue;
            }
            var code = indicators.TryGetValue(o.IndicatorId, out var indicator) ? indicator.Code : o.IndicatorId.ToString(CultureInfo.InvariantCulture);
            if (indicator is not null)
            {
                figures.Add(new ChangedFigure(new YearQuarter(o.Year, o.Quarter), indicator.Owner, o.Status));
            }
            if (ReportWorkflow.IsSubmittedOrVerified(o.Status))
            {
                submittedFigures.Add(Describe(code, o));
            }
            if (o.Status == ObservationStatus.Verified && indicator is not null && !guard.May(MonevAction.ChangeVerifiedFigures, indicator.Owner))
            {
                Refuse(localizer["Rollback.VerifiedNotAllowed", Describe(code, o)]);
            }
            if (o.Version != change.VersionAfter && !AsTheBatchWroteIt(change, o))
            {
                Refuse(localizer["Rollback.ChangedSince", Describe(code, o), o.UpdatedBy, FigureFormatterDate(o.UpdatedAt)]);
            }
            var quarter = new YearQuarter(o.Year, o.Quarter);
            if (locked.Contains(quarter))
            {
                Refuse(quarterLock.LockedMessage(quarter));
            }
            if (indicator is not null && !guard.May(MonevAction.ImportFigures, indicator.Owner))
            {
                Refuse(localizer["Import.OtherMinistry", indicator.Code, localizer["Owner." + indicator.Owner]]);
            }
        }
        var targets = new List<(Target Target, TargetChange Change)>();
        if (targetChanges.Count > 0 && !guard.May(MonevAction.ManageTargets))
        {
            Refuse(localizer["Import.TargetsAdminOnly"]);
        }
        foreach (var change in targetChanges)
        {
            var target = await db.Targets.FirstOrDefaultAsync(t => t.IndicatorId == change.IndicatorId && t.Year == change.Year && t.Quarter == change.Quarter, cancellationToken);
            var code = indicators.TryGetValue(change.IndicatorId, out var indicator) ? indicator.Code : change.IndicatorId.ToString(CultureInfo.InvariantCulture);
            if (target is null || !target.Value.Equals(change.NewValue))
            {
                Refuse(localizer["Rollback.TargetChangedSince", code, change.Year, change.Quarter == Target.Annual ? "–" : change.Quarter.ToString(CultureInfo.InvariantCulture)]);
                continue;
            }
            if (change.Quarter != Target.Annual && locked.Contains(new YearQuarter(change.Year, change.Quarter)))
            {
                Refuse(quarterLock.LockedMessage(new YearQuarter(change.Year, change.Quarter)));
            }
            targets.Add((target, change));
        }
        if (reasons.Count > 0)
        {
            return new RollbackResult(false, [.. reasons.Take(MaxReasons)], ReasonsLeftOut: Math.Max(0, reasons.Count - MaxReasons));
        }
        if (reason is null && ReportWorkflow.NeedsReason(figures, await ReportWorkflow.ReportsAsync(db, figures, cancellationToken)))
        {
            var named = string.Join("; ", submittedFigures.Take(MaxReasons)) + (submittedFigures.Count > MaxReasons ? " …" : "");
            return RollbackResult.Refused(localizer["Rollback.ReasonRequired", named.Length > 0 ? named : batch.FileName]) with { ReasonRequired = true };
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.AuditImportBatchId = batchId;
        db.AuditReason = reason is null
            ? localizer["Rollback.AuditReason", batchId, batch.FileName].Value
            : localizer["Rollback.AuditReasonWithReason", batchId, batch.FileName, reason].Value;
        // Like an edit in the entry grid: every report holding a figure the rollback changes goes back to Draft.
        await ReportWorkflow.ReopenAsync(db, figures, cancellationToken);
        var removed = 0;
        foreach (var change in changes)
        {
            var o = observations[change.ObservationId];
            if (change.WasInserted)
            {
                db.Observations.Remove(o);
                removed++;
            }
            else
            {
                o.Value = change.OldValue ?? 0;
                o.Numerator = change.OldNumerator;
                o.Denominator = change.OldDenominator;
                o.Source = change.OldSource ?? "";
                o.Note = change.OldNote ?? "";
                o.Status = change.OldStatus is { } status ? (ObservationStatus)status : ObservationStatus.Draft;
                // The batch that wrote the previous values is not recorded; the audit log keeps it.
                o.ImportBatchId = null;
            }
        }
        foreach (var (target, change) in targets)
        {
            if (change.OldValue is { } old)
            {
                target.Value = old;
            }
            else
            {
                db.Targets.Remove(target);
            }
        }
        batch.Status = ImportBatchStatus.RolledBack;
        batch.RolledBackAt = now;
        batch.RolledBackBy = guard.User.UserName;
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            UserName = guard.User.UserName,
            Action = AuditEntryFormat.Rollback,
            EntityType = nameof(ImportBatch),
            EntityKey = batchId.ToString(CultureInfo.InvariantCulture),
            OldValues = AuditEntryFormat.Serialize([(nameof(ImportBatch.Status), ImportBatchStatus.Committed)]),
            NewValues = AuditEntryFormat.Serialize([(nameof(ImportBatch.Status), ImportBatchStatus.RolledBack)]),
            Reason = db.AuditReason,
            ImportBatchId = batchId,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RollbackResult(true, [], changes.Count - removed + targets.Count(t => t.Change.OldValue is not null),
            removed + targets.Count(t => t.Change.OldValue is null));
    }

    /// <summary>The figure still holds what the batch wrote — only its state moved on (submitted, verified, returned).</summary>
    private static bool AsTheBatchWroteIt(ImportBatchChange change, Observation o) =>
        change.NewValue is { } value && value.Equals(o.Value) && Nullable.Equals(change.NewNumerator, o.Numerator)
        && Nullable.Equals(change.NewDenominator, o.Denominator) && change.NewSource == o.Source && change.NewNote == o.Note;

    private sealed record TargetChange(int IndicatorId, int Year, int Quarter, double? OldValue, double NewValue);

    /// <summary>The targets a batch wrote, from its audit entries (targets are few, so they have no change table).</summary>
    private static async Task<List<TargetChange>> TargetChangesAsync(MonevDbContext db, long batchId, CancellationToken cancellationToken)
    {
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.ImportBatchId == batchId && a.EntityType == "Target" && (a.Action == AuditEntryFormat.Create || a.Action == AuditEntryFormat.Update))
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return [.. entries.Select(a => new TargetChange(a.IndicatorId ?? 0, a.Year ?? 0, a.Quarter ?? Target.Annual,
            a.Action == AuditEntryFormat.Create ? null : ValueOf(a.OldValues), ValueOf(a.NewValues) ?? 0))];
    }

    private static double? ValueOf(string? json)
    {
        if (json is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty(nameof(Target.Value), out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
    }

    private string Describe(string code, Observation o)
    {
        var parts = new List<string> { code, new YearQuarter(o.Year, o.Quarter).ToString() };
        parts.AddRange(new[] { o.ProvinceCode, o.CountryCode, o.Sex }.Where(p => p.Length > 0));
        return string.Join(" · ", parts);
    }

    private static string FigureFormatterDate(DateTime utc) => FigureFormatter.DateTimeWib(utc);

    private static string FormatWhen(DateTime? utc) => utc is { } at ? FigureFormatter.DateTimeWib(at) : "";
}

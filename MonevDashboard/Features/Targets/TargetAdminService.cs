using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Components.Localization;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Features.Targets;

/// <summary>
/// Admin's editing of annual and quarterly targets, one year's grid at a time. A save is all or nothing: permission,
/// the content rules of <see cref="TargetRules"/> (the import's: target year, quarter 0–4, a known active indicator,
/// a finite non-negative number), no cell frozen by a quarter lock (<see cref="Target.LockingQuarters"/>), and no
/// cell changed by someone else since the grid was loaded (its version, checked again by the concurrency token at
/// the write). Blank removes a target. Audited by the save interceptor with the optional reason.
/// </summary>
public sealed class TargetAdminService(
    IDbContextFactory<MonevDbContext> contextFactory, AccessGuard guard, TargetRules rules, QuarterLock quarterLock,
    IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The years targets are set for: <see cref="ReportingYears.TargetYears"/>.</summary>
    public static IReadOnlyList<int> Years => ReportingYears.TargetYears;

    /// <summary>The problem of a typed target, if any — the same rule the save applies.</summary>
    public string? ValueProblem(double? value, string wholeUnit) =>
        rules.ValueViolations(value, blankRemoves: true, wholeUnit) is [var first, ..] ? first.Message : null;

    public async Task<TargetGrid> GetGridAsync(int year, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageTargets);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.IsActive)
            .OrderBy(i => i.Pillar!.SortOrder).ThenBy(i => i.SortOrder)
            .Select(i => new { i.Id, i.Code, PillarCode = i.Pillar!.Code, i.NameId, i.NameEn, i.Unit, i.UnitEn, i.Aggregation })
            .ToListAsync(cancellationToken);
        var targets = (await db.Targets.AsNoTracking().Where(t => t.Year == year)
            .Select(t => new { t.IndicatorId, t.Quarter, t.Value, t.Version })
            .ToListAsync(cancellationToken))
            .ToDictionary(t => (t.IndicatorId, t.Quarter));
        var locked = await QuarterLock.LockedQuartersAsync(db, cancellationToken);
        var lockedColumns = Enumerable.Range(0, 5)
            .Select(q => (Quarter: q, Reason: LockedReason(locked, year, q)))
            .Where(c => c.Reason is not null)
            .ToDictionary(c => c.Quarter, c => c.Reason!);
        return new TargetGrid(year, [.. indicators.Select(i => new TargetGridRow(i.Id, i.Code, i.PillarCode, i.NameId, i.NameEn, i.Unit, i.UnitEn,
            i.Aggregation,
            [.. Enumerable.Range(0, 5).Select(q => targets.TryGetValue((i.Id, q), out var t) ? t.Value : (double?)null)],
            [.. Enumerable.Range(0, 5).Select(q => targets.TryGetValue((i.Id, q), out var t) ? t.Version : 0)]))],
            lockedColumns);
    }

    /// <summary>Why the target of <paramref name="year"/>/<paramref name="quarter"/> is frozen by a quarter lock; null when it is not.</summary>
    private string? LockedReason(HashSet<YearQuarter> locked, int year, int quarter)
    {
        if (quarter is < Target.Annual or > 4)
        {
            return null;
        }
        var lockedQuarters = Target.LockingQuarters(year, quarter).Where(locked.Contains).Order().ToList();
        if (lockedQuarters.Count == 0)
        {
            return null;
        }
        var first = lockedQuarters[0];
        return quarter == Target.Annual ? localizer["Targets.AnnualLocked", first.Roman, first.Year] : quarterLock.LockedMessage(first);
    }

    /// <summary>Applies the changed cells of one year's grid, or refuses them all with a message per cell.</summary>
    /// <exception cref="AccessDeniedException">when the user may not manage targets.</exception>
    public async Task<TargetSaveResult> SaveAsync(int year, IReadOnlyList<TargetEdit> edits, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edits);
        guard.Demand(MonevAction.ManageTargets);
        if (rules.YearViolations(year) is [var wrongYear, ..])
        {
            return TargetSaveResult.Refused([new TargetCellError(0, 0, wrongYear.Message)]);
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // The writers' turn (as the entry grid, the import and locking a quarter take it) before the locked quarters
        // and stored versions are read: a quarter locked between the check and the save cannot slip through.
        await using var transaction = await DatabaseDialect.Of(db).BeginSerializedWriteAsync(db.Database, null, cancellationToken);
        var ids = edits.Select(e => e.IndicatorId).Distinct().ToList();
        var indicators = await db.Indicators.AsNoTracking().Where(i => ids.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var stored = await db.Targets.Where(t => t.Year == year && ids.Contains(t.IndicatorId))
            .ToDictionaryAsync(t => (t.IndicatorId, t.Quarter), cancellationToken);
        var locked = await QuarterLock.LockedQuartersAsync(db, cancellationToken);

        var errors = new List<TargetCellError>();
        void Error(TargetEdit edit, string key, params object[] args) => errors.Add(new(edit.IndicatorId, edit.Quarter, localizer[key, args]));
        foreach (var edit in edits)
        {
            if (!indicators.TryGetValue(edit.IndicatorId, out var indicator))
            {
                Error(edit, "Targets.UnknownIndicator");
                continue;
            }
            errors.AddRange(rules.Validate(indicator, indicator.Code, year, edit.Quarter, edit.Value, blankRemoves: true)
                .Select(v => new TargetCellError(edit.IndicatorId, edit.Quarter, v.Message)));
            if (LockedReason(locked, year, edit.Quarter) is { } lockedReason)
            {
                errors.Add(new(edit.IndicatorId, edit.Quarter, lockedReason));
            }
            if (Conflict(stored.GetValueOrDefault((edit.IndicatorId, edit.Quarter)), edit) is { } conflict)
            {
                errors.Add(conflict);
            }
        }
        foreach (var duplicate in edits.GroupBy(e => (e.IndicatorId, e.Quarter)).Where(g => g.Count() > 1))
        {
            Error(duplicate.First(), "Targets.DuplicateCell");
        }
        if (errors.Count > 0)
        {
            return TargetSaveResult.Refused(errors);
        }

        var (inserted, updated, removed) = (0, 0, 0);
        foreach (var edit in edits)
        {
            var current = stored.GetValueOrDefault((edit.IndicatorId, edit.Quarter));
            switch (current, edit.Value)
            {
                case (null, { } value):
                    db.Targets.Add(new Target { IndicatorId = edit.IndicatorId, Year = year, Quarter = edit.Quarter, Value = value });
                    inserted++;
                    break;
                case ({ } target, null):
                    EditConflicts.ExpectVersion(db, target, edit.LoadedVersion);
                    db.Targets.Remove(target);
                    removed++;
                    break;
                case ({ } target, { } value) when target.Value != value:
                    EditConflicts.ExpectVersion(db, target, edit.LoadedVersion);
                    target.Value = value;
                    updated++;
                    break;
            }
        }
        db.AuditReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (EditConflicts.IsLostRace(ex))
        {
            // Someone saved some of these cells between the checks above and this write: nothing was written; say
            // which cells, with the values they hold now.
            await using var fresh = await contextFactory.CreateDbContextAsync(cancellationToken);
            var now = await fresh.Targets.AsNoTracking().Where(t => t.Year == year && ids.Contains(t.IndicatorId))
                .ToDictionaryAsync(t => (t.IndicatorId, t.Quarter), cancellationToken);
            return TargetSaveResult.Refused([.. edits.Select(e => Conflict(now.GetValueOrDefault((e.IndicatorId, e.Quarter)), e)).OfType<TargetCellError>()]);
        }
        return new TargetSaveResult(true, inserted, updated, removed, []);
    }

    /// <summary>
    /// The refusal of a cell someone else saved (or removed) after the grid was loaded — a different version or value
    /// than the one the user started from — with their value, name and time; null when the cell is as loaded.
    /// </summary>
    private TargetCellError? Conflict(Target? current, TargetEdit edit)
    {
        if ((current?.Version ?? 0) == edit.LoadedVersion && current?.Value == edit.LoadedValue)
        {
            return null;
        }
        var message = current is null
            ? localizer["Targets.RemovedSince"]
            : localizer["Targets.ChangedSince", current.UpdatedBy is { Length: > 0 } by ? by : "?", FigureFormatter.Number(current.Value),
                current.UpdatedAt == default ? "?" : FigureFormatter.DateTimeWib(current.UpdatedAt)];
        return new TargetCellError(edit.IndicatorId, edit.Quarter, message, IsConflict: true);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Features.Auth;
using MonevDashboard.Features.Localization;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Features.Targets;

/// <summary>
/// Admin's editing of annual and quarterly targets, one year's grid at a time. A save is all or nothing: permission,
/// the content rules of <see cref="TargetRules"/> (the import's: target year, quarter 0–4, a known active indicator,
/// a finite non-negative number), and no cell changed by someone else since the grid was loaded. Blank removes a target. Audited by the save interceptor with the optional reason.
/// </summary>
public sealed class TargetAdminService(
    IDbContextFactory<MonevDbContext> contextFactory, AccessGuard guard, TargetRules rules, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The years targets are set for: <see cref="ReportingYears.TargetYears"/>.</summary>
    public static IReadOnlyList<int> Years => ReportingYears.TargetYears;

    /// <summary>The problem of a typed target, if any — the same rule the save applies.</summary>
    public string? ValueProblem(double? value) => rules.ValueViolations(value, blankRemoves: true) is [var first, ..] ? first.Message : null;

    public async Task<TargetGrid> GetGridAsync(int year, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageTargets);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.IsActive)
            .OrderBy(i => i.Pillar!.SortOrder).ThenBy(i => i.SortOrder)
            .Select(i => new { i.Id, i.Code, PillarCode = i.Pillar!.Code, i.NameId, i.NameEn, i.Unit, i.UnitEn, i.Aggregation })
            .ToListAsync(cancellationToken);
        var targets = (await db.Targets.AsNoTracking().Where(t => t.Year == year)
            .Select(t => new { t.IndicatorId, t.Quarter, t.Value })
            .ToListAsync(cancellationToken))
            .ToDictionary(t => (t.IndicatorId, t.Quarter), t => t.Value);
        return new TargetGrid(year, [.. indicators.Select(i => new TargetGridRow(i.Id, i.Code, i.PillarCode, i.NameId, i.NameEn, i.Unit, i.UnitEn,
            i.Aggregation, [.. Enumerable.Range(0, 5).Select(q => targets.TryGetValue((i.Id, q), out var v) ? v : (double?)null)]))]);
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
        var ids = edits.Select(e => e.IndicatorId).Distinct().ToList();
        var indicators = await db.Indicators.AsNoTracking().Where(i => ids.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var stored = await db.Targets.Where(t => t.Year == year && ids.Contains(t.IndicatorId))
            .ToDictionaryAsync(t => (t.IndicatorId, t.Quarter), cancellationToken);

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
            var current = stored.GetValueOrDefault((edit.IndicatorId, edit.Quarter));
            if (current?.Value != edit.LoadedValue)
            {
                Error(edit, "Targets.ChangedSince", current?.UpdatedBy ?? "?", FigureFormatter.Number(current?.Value, L("Targets.None")));
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
                    db.Targets.Remove(target);
                    removed++;
                    break;
                case ({ } target, { } value) when target.Value != value:
                    target.Value = value;
                    updated++;
                    break;
            }
        }
        db.AuditReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return new TargetSaveResult(true, inserted, updated, removed, []);
    }

    private string L(string key) => localizer[key];
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Components.Localization;
using MonevDashboard.Figures;

namespace MonevDashboard.Features.Indicators;

/// <summary>
/// Admin's editing of indicator metadata. Every save is checked (permission, <see cref="IndicatorEditRules"/>, and
/// that no allowed disaggregation is removed while stored figures use it), all or nothing, and audited by the
/// save interceptor with the optional reason.
/// </summary>
public sealed class IndicatorAdminService(
    IDbContextFactory<MonevDbContext> contextFactory,
    AccessGuard guard,
    IndicatorEditRules rules,
    EditConflicts conflicts,
    IStringLocalizer<SharedResource> localizer)
{
    public async Task<IReadOnlyList<IndicatorAdminRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageIndicators);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Indicators.AsNoTracking()
            .OrderBy(i => i.Pillar!.SortOrder).ThenBy(i => i.SortOrder)
            .Select(i => new IndicatorAdminRow(i.Id, i.Code, i.Pillar!.Code, i.NameId, i.NameEn, i.DefinitionId, i.DefinitionEn,
                i.Unit, i.UnitEn, i.Aggregation, i.Direction, i.Owner, i.DataSource, i.IsActive, i.BaselineYear, i.BaselineValue,
                i.Disaggregations, i.Version))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The disaggregations stored observations of the indicator use, which therefore cannot be removed.</summary>
    public async Task<Disaggregation> GetUsedDisaggregationsAsync(int indicatorId, CancellationToken cancellationToken = default)
    {
        guard.Demand(MonevAction.ManageIndicators);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var used = Disaggregation.None;
        foreach (var dimension in s_dimensions)
        {
            if (await ObservationCounts.AnyUsingDimensionAsync(db, indicatorId, dimension, cancellationToken))
            {
                used |= dimension;
            }
        }
        return used;
    }

    /// <summary>Saves the metadata, or refuses with messages per field and writes nothing.</summary>
    /// <exception cref="AccessDeniedException">when the user may not manage indicators.</exception>
    /// <exception cref="UserMessageException">when the indicator no longer exists.</exception>
    /// <exception cref="EditConflictException">when someone else saved the indicator after <see cref="IndicatorEdit.Version"/>.</exception>
    public async Task<IndicatorSaveResult> SaveAsync(IndicatorEdit edit, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        guard.Demand(MonevAction.ManageIndicators);
        var errors = rules.Validate(edit).ToList();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var indicator = await db.Indicators.FirstOrDefaultAsync(i => i.Id == edit.Id, cancellationToken)
            ?? throw new UserMessageException(localizer["IndicatorAdmin.NotFound"]);

        var removed = indicator.Disaggregations & ~edit.Disaggregations;
        foreach (var dimension in s_dimensions.Where(d => removed.HasFlag(d)))
        {
            var count = await ObservationCounts.UsingDimensionAsync(db, indicator.Id, dimension, cancellationToken);
            if (count > 0)
            {
                errors.Add(new(IndicatorField.Disaggregations, localizer["IndicatorAdmin.DisaggregationInUse",
                    localizer["IndicatorAdmin.By." + dimension], FigureFormatter.Number(count), indicator.Code]));
            }
        }
        if (errors.Count > 0)
        {
            return new IndicatorSaveResult(false, errors);
        }
        if (indicator.Version != edit.Version)
        {
            var theirs = Differences(indicator, edit);
            if (theirs.Count == 0)
            {
                // Someone else already saved exactly these values: nothing of the user's would be lost, nothing to write.
                return IndicatorSaveResult.Success;
            }
            throw await conflicts.ConflictAsync(db, localizer["Conflict.Indicator", indicator.Code], "Indicator", indicator.Code,
                EditConflicts.Describe(theirs), cancellationToken);
        }

        indicator.NameId = edit.NameId.Trim();
        indicator.NameEn = edit.NameEn.Trim();
        indicator.DefinitionId = edit.DefinitionId.Trim();
        indicator.DefinitionEn = edit.DefinitionEn.Trim();
        indicator.Unit = edit.Unit.Trim();
        indicator.UnitEn = edit.UnitEn.Trim();
        indicator.Direction = edit.Direction;
        indicator.Owner = edit.Owner;
        indicator.DataSource = edit.DataSource.Trim();
        indicator.IsActive = edit.IsActive;
        indicator.BaselineYear = edit.BaselineYear;
        indicator.BaselineValue = edit.BaselineValue;
        indicator.Disaggregations = edit.Disaggregations;
        db.AuditReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        EditConflicts.ExpectVersion(db, indicator, edit.Version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved by someone else between the check above and this write: tell what they saved.
            await using var fresh = await contextFactory.CreateDbContextAsync(cancellationToken);
            var now = await fresh.Indicators.AsNoTracking().FirstAsync(i => i.Id == edit.Id, cancellationToken);
            throw await conflicts.ConflictAsync(fresh, localizer["Conflict.Indicator", now.Code], "Indicator", now.Code,
                EditConflicts.Describe(Differences(now, edit)), cancellationToken);
        }
        return IndicatorSaveResult.Success;
    }

    /// <summary>The stored fields that differ from the user's edit, labelled and formatted as the form shows them.</summary>
    private IReadOnlyList<(string Label, string Value)> Differences(Indicator stored, IndicatorEdit edit)
    {
        string Label(IndicatorField field) => localizer["IndicatorAdmin.Field." + field];
        string Dimensions(Disaggregation d) => string.Join(", ", s_dimensions.Where(x => d.HasFlag(x)).Select(x => localizer["IndicatorAdmin.By." + x].Value)) is { Length: > 0 } text ? text : "–";
        string Active(bool active) => localizer[active ? "Conflict.Yes" : "Conflict.No"];
        return EditConflicts.Differences([
            (Label(IndicatorField.NameId), EditConflicts.Quote(stored.NameId), EditConflicts.Quote(edit.NameId)),
            (Label(IndicatorField.NameEn), EditConflicts.Quote(stored.NameEn), EditConflicts.Quote(edit.NameEn)),
            (Label(IndicatorField.DefinitionId), EditConflicts.Quote(stored.DefinitionId), EditConflicts.Quote(edit.DefinitionId)),
            (Label(IndicatorField.DefinitionEn), EditConflicts.Quote(stored.DefinitionEn), EditConflicts.Quote(edit.DefinitionEn)),
            (Label(IndicatorField.Unit), EditConflicts.Quote(stored.Unit), EditConflicts.Quote(edit.Unit)),
            (Label(IndicatorField.UnitEn), EditConflicts.Quote(stored.UnitEn), EditConflicts.Quote(edit.UnitEn)),
            (Label(IndicatorField.Direction), localizer["IndicatorAdmin.Direction." + stored.Direction], localizer["IndicatorAdmin.Direction." + edit.Direction]),
            (Label(IndicatorField.Owner), localizer["Owner." + stored.Owner], localizer["Owner." + edit.Owner]),
            (Label(IndicatorField.DataSource), EditConflicts.Quote(stored.DataSource), EditConflicts.Quote(edit.DataSource)),
            (localizer["IndicatorAdmin.Field.IsActive"], Active(stored.IsActive), Active(edit.IsActive)),
            (Label(IndicatorField.BaselineYear), stored.BaselineYear?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–",
                edit.BaselineYear?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"),
            (Label(IndicatorField.BaselineValue), FigureFormatter.Number(stored.BaselineValue), FigureFormatter.Number(edit.BaselineValue)),
            (Label(IndicatorField.Disaggregations), Dimensions(stored.Disaggregations), Dimensions(edit.Disaggregations)),
        ]);
    }

    private static readonly Disaggregation[] s_dimensions = [Disaggregation.Sex, Disaggregation.Province, Disaggregation.Country];
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MonevDashboard.Data;
using MonevDashboard.Features.Auth;
using MonevDashboard.Features.Localization;

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
                i.Disaggregations))
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
            if (await UsingQuery(db, indicatorId, dimension).AnyAsync(cancellationToken))
            {
                used |= dimension;
            }
        }
        return used;
    }

    /// <summary>Saves the metadata, or refuses with messages per field and writes nothing.</summary>
    /// <exception cref="AccessDeniedException">when the user may not manage indicators.</exception>
    /// <exception cref="UserMessageException">when the indicator no longer exists.</exception>
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
            var count = await UsingQuery(db, indicator.Id, dimension).CountAsync(cancellationToken);
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
        await db.SaveChangesAsync(cancellationToken);
        return IndicatorSaveResult.Success;
    }

    private static readonly Disaggregation[] s_dimensions = [Disaggregation.Sex, Disaggregation.Province, Disaggregation.Country];

    // Each is a seek on the natural-key index (IndicatorId leads it), then a filter on the dimension column.
    private static IQueryable<Observations.Observation> UsingQuery(MonevDbContext db, int indicatorId, Disaggregation dimension) =>
        dimension switch
        {
            Disaggregation.Sex => db.Observations.Where(o => o.IndicatorId == indicatorId && o.Sex != ""),
            Disaggregation.Province => db.Observations.Where(o => o.IndicatorId == indicatorId && o.ProvinceCode != ""),
            _ => db.Observations.Where(o => o.IndicatorId == indicatorId && o.CountryCode != ""),
        };
}

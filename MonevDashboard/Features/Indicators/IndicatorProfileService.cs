using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;

namespace MonevDashboard.Features.Indicators;

/// <summary>What an indicator is: the fields of the results framework, for the indicator page.</summary>
public sealed record IndicatorProfile(
    int Id, string Code, string NameId, string NameEn, string DefinitionId, string DefinitionEn,
    string PillarCode, string PillarNameId, string PillarNameEn, string Unit, string UnitEn,
    TimeAggregation Aggregation, Direction Direction, Ministry Owner, int? BaselineYear, double? BaselineValue,
    Disaggregation Disaggregations, string DataSource, bool IsActive)
{
    public string Name(bool english) => english ? NameEn : NameId;
    public string Definition(bool english) => english && !string.IsNullOrEmpty(DefinitionEn) ? DefinitionEn : DefinitionId;
    public string PillarName(bool english) => english ? PillarNameEn : PillarNameId;
    public string UnitLabel(bool english) => english && !string.IsNullOrEmpty(UnitEn) ? UnitEn : Unit;
    public bool Allows(Disaggregation dimension) => (Disaggregations & dimension) == dimension;
}

public sealed class IndicatorProfileService(IDbContextFactory<MonevDbContext> contextFactory)
{
    /// <summary>The indicator with this code (case as stored), or null when there is none.</summary>
    public async Task<IndicatorProfile?> GetProfileAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Indicators.AsNoTracking()
            .Where(i => i.Code == code)
            .Select(i => new IndicatorProfile(
                i.Id, i.Code, i.NameId, i.NameEn, i.DefinitionId, i.DefinitionEn,
                i.Pillar!.Code, i.Pillar.NameId, i.Pillar.NameEn, i.Unit, i.UnitEn,
                i.Aggregation, i.Direction, i.Owner, i.BaselineYear, i.BaselineValue,
                i.Disaggregations, i.DataSource, i.IsActive))
            .FirstOrDefaultAsync(cancellationToken);
    }
}

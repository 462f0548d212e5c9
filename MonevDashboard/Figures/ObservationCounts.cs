using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;

namespace MonevDashboard.Figures;

/// <summary>Counts of stored figures that other modules ask for inside their own unit of work (hence the context).</summary>
public static class ObservationCounts
{
    /// <summary>The figures of a year: the size of the report's Data sheet.</summary>
    public static Task<long> InYearAsync(MonevDbContext db, int year, CancellationToken cancellationToken) =>
        db.Observations.AsNoTracking().LongCountAsync(o => o.Year == year, cancellationToken);

    /// <summary>How many of an indicator's figures are broken down by <paramref name="dimension"/>: a breakdown in use cannot be removed.</summary>
    public static Task<int> UsingDimensionAsync(MonevDbContext db, int indicatorId, Disaggregation dimension, CancellationToken cancellationToken) =>
        UsingQuery(db, indicatorId, dimension).CountAsync(cancellationToken);

    public static Task<bool> AnyUsingDimensionAsync(MonevDbContext db, int indicatorId, Disaggregation dimension, CancellationToken cancellationToken) =>
        UsingQuery(db, indicatorId, dimension).AnyAsync(cancellationToken);

    // Each is a seek on the natural-key index (IndicatorId leads it), then a filter on the dimension column.
    private static IQueryable<Observation> UsingQuery(MonevDbContext db, int indicatorId, Disaggregation dimension) =>
        dimension switch
        {
            Disaggregation.Sex => db.Observations.Where(o => o.IndicatorId == indicatorId && o.Sex != ""),
            Disaggregation.Province => db.Observations.Where(o => o.IndicatorId == indicatorId && o.ProvinceCode != ""),
            _ => db.Observations.Where(o => o.IndicatorId == indicatorId && o.CountryCode != ""),
        };
}

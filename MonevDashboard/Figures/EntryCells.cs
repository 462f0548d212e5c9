using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Figures;

/// <summary>A country the indicator reported in the recent quarters: the entry sheet offers a row for it.</summary>
public sealed record RecentCountry(int IndicatorId, string CountryCode);

/// <summary>
/// The cells a ministry's entry sheet expects, in one place for the sheet itself (DataEntry) and for the reporting
/// progress, so both count completeness alike.
/// </summary>
public static class EntryCells
{
    /// <summary>How many quarters back a reported country keeps its row in the sheet.</summary>
    public const int CountryHistoryQuarters = 4;

    /// <summary>Blank ≠ zero: a cell is expected for every province × sex, province, or recently reported country.</summary>
    public static int Expected(Indicator indicator, int provinces, int countries) =>
        Expected(indicator.Disaggregations, provinces, countries);

    public static int Expected(Disaggregation allowed, int provinces, int countries)
    {
        var cells = 1;
        if ((allowed & Disaggregation.Province) != 0)
        {
            cells *= provinces;
        }
        if ((allowed & Disaggregation.Country) != 0)
        {
            cells *= Math.Max(1, countries);
        }
        if ((allowed & Disaggregation.Sex) != 0)
        {
            cells *= 2;
        }
        return cells;
    }

    /// <summary>The countries each of <paramref name="indicatorIds"/> reported from <see cref="CountryHistoryQuarters"/> quarters before <paramref name="period"/> up to it.</summary>
    public static async Task<IReadOnlyList<RecentCountry>> RecentCountriesAsync(
        MonevDbContext db, IReadOnlyCollection<int> indicatorIds, YearQuarter period, CancellationToken cancellationToken)
    {
        var from = period.Minus(CountryHistoryQuarters);
        var rows = await db.Observations.AsNoTracking()
            .Where(o => indicatorIds.Contains(o.IndicatorId) && o.CountryCode != "" && o.Year >= from.Year && o.Year <= period.Year)
            .Where(o => o.Year * 4 + o.Quarter - 1 >= from.Index && o.Year * 4 + o.Quarter - 1 <= period.Index)
            .Select(o => new { o.IndicatorId, o.CountryCode }).Distinct().ToListAsync(cancellationToken);
        return [.. rows.Select(r => new RecentCountry(r.IndicatorId, r.CountryCode))];
    }
}

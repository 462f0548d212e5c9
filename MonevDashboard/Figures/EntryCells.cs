using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Figures;

/// <summary>Where a cell of the entry sheet sits: its province, country and sex ("" where not broken down).</summary>
public readonly record struct CellPlace(string ProvinceCode, string CountryCode, string Sex);

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

    /// <summary>The indicators a ministry reports: its own and the joint ones; computed indicators are never entered.</summary>
    public static Expression<Func<Indicator, bool>> EnteredBy(Ministry ministry) =>
        i => i.IsActive && i.Aggregation != TimeAggregation.Derived && (i.Owner == ministry || i.Owner == Ministry.Bersama);

    /// <summary>
    /// The cells <see cref="Expected(Disaggregation, int, int)"/> counts, laid out as the entry sheet lays them: a row per
    /// province, per recently reported country (one country row to choose when there is none) or one national row, each
    /// split by sex (L, P) when the indicator is. Province and country are "" where the indicator is not broken down so.
    /// </summary>
    public static IEnumerable<CellPlace> Layout(Disaggregation allowed, IReadOnlyList<string> provinces, IReadOnlyList<string> countries)
    {
        IEnumerable<(string Province, string Country)> rows =
            (allowed & Disaggregation.Province) != 0 && (allowed & Disaggregation.Country) != 0
                ? provinces.SelectMany(p => (countries.Count == 0 ? [""] : countries).Select(c => (p, c)))
            : (allowed & Disaggregation.Province) != 0 ? provinces.Select(p => (p, ""))
            : (allowed & Disaggregation.Country) != 0 ? (countries.Count == 0 ? [""] : countries).Select(c => ("", c))
            : [("", "")];
        IReadOnlyList<string> sexes = (allowed & Disaggregation.Sex) != 0 ? [.. Vocabulary.Sexes.Order(StringComparer.Ordinal)] : [""];
        return rows.SelectMany(r => sexes.Select(sex => new CellPlace(r.Province, r.Country, sex)));
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

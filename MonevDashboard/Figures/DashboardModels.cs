using MonevDashboard.Features.Indicators;

using MonevDashboard.Data.Model;

using MonevDashboard.Features.Periods;

namespace MonevDashboard.Figures;

/// <summary>How many indicators of a pillar stand at each status in the period.</summary>
public sealed record PillarSummary(
    string PillarCode, string NameId, string NameEn, int Indicators, int OnTrack, int NeedsAttention, int Critical, int NoTarget, int NoData)
{
    public string Name(bool english) => english ? NameEn : NameId;

    /// <summary>Indicators without a colour: nothing reported, or nothing asked.</summary>
    public int Grey => NoTarget + NoData;

    /// <summary>Share of the pillar's indicators that are on track, in percent; null for an empty pillar.</summary>
    public double? OnTrackPercent => Ratio.Percent(OnTrack, Indicators);
}

/// <summary>Everything one dashboard view shows, computed in a fixed number of queries.</summary>
/// <param name="AllIndicators">Every active indicator under the period and dimension filters, whatever the pillar and owner.</param>
/// <param name="Indicators">Those the pillar and owner filters keep: the headline and KPI cards, the pillar summary and the charts.</param>
/// <param name="ChartIndicator">The indicator of the trend chart.</param>
public sealed record DashboardFigures(
    IReadOnlyList<IndicatorFigure> AllIndicators,
    IReadOnlyList<IndicatorFigure> Indicators,
    IReadOnlyList<PillarSummary> Pillars,
    IndicatorFigure? ChartIndicator,
    Breakdown? ByProvince,
    Breakdown? ByCountry,
    Breakdown? BySex)
{
    public bool HasAnyData => Indicators.Any(f => f.QuarterValue is not null || f.YearToDateValue is not null);

    public IndicatorFigure? Find(string code) => AllIndicators.FirstOrDefault(f => f.Code == code);
}

/// <summary>The indicators the dashboard leads with (docs/design.md: PMI trained, UMKM exports, remittances).</summary>
public static class HeadlineIndicators
{
    public const string PmiTrained = "P1-PMI-TRAINED";
    public const string UmkmFacilitated = "P3-UMKM-FACILITATED";
    public const string ExportValue = "P3-EXPORT-VALUE";
    public const string Remittance = "P3-REMITTANCE";
}

public sealed record NamedOption(string Code, string NameId, string NameEn)
{
    public string Name(bool english) => english ? NameEn : NameId;
}

/// <summary>The choices of the filter bar.</summary>
public sealed record FilterOptions(
    IReadOnlyList<int> Years, IReadOnlyList<NamedOption> Pillars, IReadOnlyList<NamedOption> Provinces, IReadOnlyList<NamedOption> Countries);

/// <summary>One quarter of an indicator's multi-year series, judged as the quarter itself would be.</summary>
/// <param name="Target">The target the quarter's own figure can be compared with (see the trend of the cards).</param>
/// <param name="Achievement">The achievement of that quarter: quarter target if set, else year to date against the annual target.</param>
public sealed record TimeSeriesPoint(YearQuarter Period, double? Value, double? YearToDateValue, double? Target, AchievementResult Achievement);

/// <summary>A page of stored observations of one indicator, as the grid asks for it.</summary>
/// <param name="SortBy">An <see cref="ObservationRow"/> property name; unknown names fall back to the default order.</param>
public sealed record ObservationPageRequest(string IndicatorCode, FigureFilter Filter, int Page, int PageSize, string? SortBy = null, bool Descending = false);

public sealed record ObservationRow(
    long Id, int Year, int Quarter, string ProvinceCode, string ProvinceName, string CountryCode, string CountryNameId, string CountryNameEn,
    string Sex, double Value, double? Numerator, double? Denominator, ObservationStatus Status, string Source, string Note,
    string UpdatedBy, DateTime UpdatedAt)
{
    public YearQuarter Period => new(Year, Quarter);
    public string CountryName(bool english) => english ? CountryNameEn : CountryNameId;
}

public sealed record ObservationPage(IReadOnlyList<ObservationRow> Rows, int TotalCount);

using MonevDashboard.Features.Indicators;
using MonevDashboard.Data.Model;

using MonevDashboard.Features.Periods;

namespace MonevDashboard.Figures;

/// <summary>What the figures are computed for; the dashboard keeps it in the URL.</summary>
public sealed record FigureFilter(
    int Year,
    int Quarter,
    bool YearToDate = false,
    string? PillarCode = null,
    Ministry? Owner = null,
    string? ProvinceCode = null,
    string? CountryCode = null,
    string? Sex = null)
{
    public YearQuarter Period => new(Year, Quarter);

    public bool HasDimensionFilter =>
        !string.IsNullOrEmpty(ProvinceCode) || !string.IsNullOrEmpty(CountryCode) || !string.IsNullOrEmpty(Sex);

    /// <summary>Whether an indicator is broken down by every dimension the filter narrows to.</summary>
    public bool AppliesTo(Disaggregation allowed) =>
        (string.IsNullOrEmpty(ProvinceCode) || allowed.HasFlag(Disaggregation.Province))
        && (string.IsNullOrEmpty(CountryCode) || allowed.HasFlag(Disaggregation.Country))
        && (string.IsNullOrEmpty(Sex) || allowed.HasFlag(Disaggregation.Sex));
}

public sealed record TrendPoint(YearQuarter Period, double? Value, double? Target);

/// <summary>An indicator's figures for a period, all computed from stored records.</summary>
public sealed record IndicatorFigure(
    int IndicatorId,
    string Code,
    string NameId,
    string NameEn,
    string PillarCode,
    string PillarNameId,
    string PillarNameEn,
    string Unit,
    string UnitEn,
    Ministry Owner,
    TimeAggregation Aggregation,
    Direction Direction,
    Disaggregation Disaggregations,
    double? QuarterValue,
    double? YearToDateValue,
    double? PreviousQuarterValue,
    double? AnnualTarget,
    double? QuarterTarget,
    AchievementResult Achievement,
    IReadOnlyList<TrendPoint> Trend,
    bool FilterApplies)
{
    public string Name(bool english) => english ? NameEn : NameId;
    public string PillarName(bool english) => english ? PillarNameEn : PillarNameId;
    public string UnitLabel(bool english) => english && !string.IsNullOrEmpty(UnitEn) ? UnitEn : Unit;

    /// <summary>Change against the previous quarter (absolute, in the indicator's unit); null without both figures.</summary>
    public double? ChangeFromPreviousQuarter => QuarterValue is { } now && PreviousQuarterValue is { } before ? now - before : null;
}

/// <summary>One quarter of one indicator as SQL aggregated it (Σ over the disaggregation cells).</summary>
public sealed record QuarterAggregate(int IndicatorId, int Year, int Quarter, double Value, double? Numerator, double? Denominator, int Cells);

/// <summary>One group of a breakdown (a province, a country or a sex) of one indicator.</summary>
public sealed record BreakdownRow(string Code, string NameId, string NameEn, double? QuarterValue, double? YearToDateValue)
{
    public string Name(bool english) => english ? NameEn : NameId;
}

public enum BreakdownDimension
{
    Province = 1,
    Country = 2,
    Sex = 3,
}

/// <summary>A breakdown table: its rows and the totals the database computed over the same cells.</summary>
public sealed record Breakdown(
    string IndicatorCode, BreakdownDimension Dimension, IReadOnlyList<BreakdownRow> Rows, double? QuarterTotal, double? YearToDateTotal);

using MonevDashboard.Features.Dashboard;
using MonevDashboard.Data.Model;

using MonevDashboard.Features.Periods;
using MonevDashboard.Features.QuarterlyReview;
using MonevDashboard.Figures;

namespace MonevDashboard.Features.Reports;

/// <summary>Everything the quarterly report shows except the year's observations, which are streamed.</summary>
public sealed record QuarterlyReportContent(
    YearQuarter Period,
    DateTime GeneratedAtUtc,
    DateOnly Today,
    StatusThresholds Thresholds,
    IReadOnlyList<IndicatorFigure> Figures,
    IReadOnlyDictionary<string, IReadOnlyList<BreakdownRow>> ByProvince,
    IReadOnlyDictionary<string, IReadOnlyList<BreakdownRow>> ByCountry,
    IReadOnlyList<NarrativeRow> Narratives,
    IReadOnlyList<ActionItemRow> ActionItems,
    long ObservationCount)
{
    /// <summary>Whether the figures are those of a reviewed (locked) quarter or still provisional, as the title block says.</summary>
    public string ReviewLine { get; init; } = "";
}

/// <summary>The sheets of a quarterly report made so far by <see cref="QuarterlyReportWriter.Prepare"/>, awaiting their streamed rows.</summary>
public sealed class PreparedReport(MemoryStream workbook, int provinceRow, int countryRow) : IDisposable
{
    public MemoryStream Workbook { get; } = workbook;
    public int ProvinceRow { get; } = provinceRow;
    public int CountryRow { get; } = countryRow;

    public void Dispose() => Workbook.Dispose();
}

/// <summary>One observation in exactly the columns of the import template's Data sheet.</summary>
public sealed record ObservationExportRow(
    string IndicatorCode, int Year, int Quarter, string ProvinceCode, string CountryCode, string Sex,
    double Value, double? Numerator, double? Denominator, string Source, string Note);

public sealed record NarrativeRow(
    string IndicatorCode, string IndicatorName, string Analysis, string Obstacles, string FollowUpPlan, string UpdatedBy, DateTime UpdatedAtUtc);

/// <summary>
/// A follow-up of a review meeting; <see cref="IsOverdue"/> is computed against today (WIB), <see cref="DaysLate"/>
/// also counts one done after its due date (<see cref="FollowUpDeadline"/>).
/// </summary>
public sealed record ActionItemRow(
    YearQuarter MeetingPeriod, DateOnly MeetingDate, string? IndicatorCode, string Description, string PicUnit,
    DateOnly DueDate, ActionItemStatus Status, DateOnly? CompletedOn, bool IsOverdue, int? DaysLate = null);

/// <summary>Whether a year and quarter can be reported; the years come from the reporting periods.</summary>
public sealed record ReportPeriodCheck(bool YearKnown, bool QuarterValid, int FirstYear, int LastYear)
{
    public bool IsValid => YearKnown && QuarterValid;
}

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

    /// <summary>Every sex-disaggregated indicator's breakdown by sex (the "Per Jenis Kelamin" sheet).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<BreakdownRow>> BySex { get; init; } = new Dictionary<string, IReadOnlyList<BreakdownRow>>();

    /// <summary>The letterhead's logos, as stored under Administrasi → Pengaturan; none: the letterhead shows the names only.</summary>
    public ReportLetterhead Letterhead { get; init; } = ReportLetterhead.NamesOnly;

    /// <summary>Who prepared, checked and approves the report: the signature block a director signs.</summary>
    public ReportSignatures Signatures { get; init; } = ReportSignatures.None;
}

/// <summary>The two ministries' logo images (PNG or JPEG bytes), each optional.</summary>
public sealed record ReportLetterhead(byte[]? KemendagLogo, byte[]? Kp2miLogo)
{
    public static ReportLetterhead NamesOnly { get; } = new(null, null);
}

/// <summary>A verification of one ministry's figures of the quarter: who verified them, on which day (WIB).</summary>
public sealed record ReportVerification(Ministry Ministry, string VerifiedBy, DateOnly VerifiedOn);

/// <summary>
/// The signature block: prepared by (the preparer setting, or whoever generated the report, on the day it was made),
/// checked by (the verifiers of the quarter's submissions) and approved by (the official named in the settings).
/// </summary>
public sealed record ReportSignatures(
    string PreparedBy, DateOnly PreparedOn, IReadOnlyList<ReportVerification> CheckedBy, string ApproverName, string ApproverTitle)
{
    public static ReportSignatures None { get; } = new("", default, [], "", "");
}

/// <summary>The sheets of a quarterly report made so far by <see cref="QuarterlyReportWriter.Prepare"/>, awaiting their streamed rows.</summary>
public sealed class PreparedReport(MemoryStream workbook, int provinceRow, int countryRow, int sexRow) : IDisposable
{
    public MemoryStream Workbook { get; } = workbook;
    public int ProvinceRow { get; } = provinceRow;
    public int CountryRow { get; } = countryRow;
    public int SexRow { get; } = sexRow;

    public void Dispose() => Workbook.Dispose();
}

/// <summary>
/// One observation in the columns of the import template's Data sheet, then two the import ignores: its verification
/// status and the indicator's name, for the reader of the report.
/// </summary>
public sealed record ObservationExportRow(
    string IndicatorCode, int Year, int Quarter, string ProvinceCode, string CountryCode, string Sex,
    double Value, double? Numerator, double? Denominator, string Source, string Note,
    ObservationStatus Status = ObservationStatus.Draft, string IndicatorName = "");

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

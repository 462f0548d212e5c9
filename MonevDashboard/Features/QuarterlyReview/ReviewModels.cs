using MonevDashboard.Features.Indicators;
using MonevDashboard.Data.Model;

using MonevDashboard.Features.Periods;

namespace MonevDashboard.Features.QuarterlyReview;

/// <summary>An indicator's narrative for a quarter next to its status; flagged when red or amber and still empty.</summary>
public sealed record NarrativeRow(
    string IndicatorCode, string NameId, string NameEn, string PillarCode, Ministry Owner, AchievementStatus Status,
    double? AchievementPercent, string Analysis, string Obstacles, string FollowUpPlan, string? UpdatedBy, DateTime? UpdatedAt,
    int Version, bool CanEdit)
{
    /// <summary>The target the capaian was measured against and its kind, shown beside it (<see cref="TargetLabel"/>).</summary>
    public double? TargetUsed { get; init; }

    public TargetKind TargetKind { get; init; } = TargetKind.Annual;

    /// <summary>The indicator's unit, for <see cref="TargetUsed"/>.</summary>
    public string Unit { get; init; } = "";

    /// <summary>The unit's English name (empty: the stored unit stands in both languages).</summary>
    public string UnitEn { get; init; } = "";

    /// <summary>The unit in the reader's language, as every figure on screen names it.</summary>
    public string UnitLabel(bool english) => english && !string.IsNullOrEmpty(UnitEn) ? UnitEn : Unit;

    public bool IsEmpty => string.IsNullOrWhiteSpace(Analysis) && string.IsNullOrWhiteSpace(Obstacles) && string.IsNullOrWhiteSpace(FollowUpPlan);

    /// <summary>Red and amber indicators need an explanation before the meeting.</summary>
    public bool NeedsNarrative => Status is AchievementStatus.Critical or AchievementStatus.NeedsAttention && IsEmpty;

    public string Name(bool english) => english ? NameEn : NameId;
}

/// <summary>A quarter's meeting record; <paramref name="Version"/> is the one the form loaded (0: no record yet).</summary>
public sealed record MeetingRecord(YearQuarter Period, DateOnly? MeetingDate, string Place, string Chair, string Attendees, string Minutes, bool Exists,
    int Version = 0);

/// <summary>A follow-up as listed; <paramref name="DaysLate"/> (open past its due date, or done after it) comes from <see cref="FollowUpDeadline"/>.</summary>
public sealed record ActionItemView(
    int Id, YearQuarter MeetingPeriod, string? IndicatorCode, string Description, string PicUnit, DateOnly DueDate,
    ActionItemStatus Status, DateOnly? CompletedOn, bool IsOverdue, int Version, int? DaysLate = null)
{
    /// <summary>Done, but after its due date.</summary>
    public bool DoneLate => Status == ActionItemStatus.Done && DaysLate is not null;
}

/// <summary>Filters of the action-item list; all optional.</summary>
public sealed record ActionItemFilter(int? Year = null, int? Quarter = null, ActionItemStatus? Status = null, bool OverdueOnly = false,
    string? Pic = null, string? Search = null, bool NotDoneOnly = false);

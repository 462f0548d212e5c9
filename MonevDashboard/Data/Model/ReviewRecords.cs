using MonevDashboard.Domain.Contracts;

namespace MonevDashboard.Data.Model;

/// <summary>The owning ministry's account of an indicator in one quarter.</summary>
public sealed class Narrative : IUpdateStamped
{
    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public int Year { get; set; }
    public int Quarter { get; set; }
    public string Analysis { get; set; } = "";
    /// <summary>Kendala.</summary>
    public string Obstacles { get; set; } = "";
    /// <summary>Rencana tindak lanjut.</summary>
    public string FollowUpPlan { get; set; } = "";
    public string UpdatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

public sealed class ReviewMeeting
{
    public int Id { get; set; }
    public int Year { get; set; }
    public int Quarter { get; set; }
    public DateOnly MeetingDate { get; set; }
    public string Place { get; set; } = "";
    public string Chair { get; set; } = "";
    public string Attendees { get; set; } = "";
    public string Minutes { get; set; } = "";
    /// <summary>Concurrency token: bumped on every update by the audit interceptor, so a stale edit is refused.</summary>
    public int Version { get; set; }
    public List<ActionItem> ActionItems { get; set; } = [];
}

/// <summary>A follow-up (tindak lanjut) agreed in a review meeting. Overdue is computed, never stored.</summary>
public sealed class ActionItem
{
    public int Id { get; set; }
    public int ReviewMeetingId { get; set; }
    public ReviewMeeting? ReviewMeeting { get; set; }
    public int? IndicatorId { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Responsible unit (PIC).</summary>
    public string PicUnit { get; set; } = "";
    public DateOnly DueDate { get; set; }
    public ActionItemStatus Status { get; set; } = ActionItemStatus.Open;
    public DateOnly? CompletedOn { get; set; }
    public int Version { get; set; }

    public bool IsOverdue(DateOnly today) => FollowUpDeadline.IsOverdue(DueDate, Status, today);
}

/// <summary>What the review meeting saw, frozen when the quarter is locked.</summary>
public sealed class ReviewSnapshot
{
    public int Id { get; set; }
    public int Year { get; set; }
    public int Quarter { get; set; }
    public DateTime TakenAt { get; set; }
    public string TakenBy { get; set; } = "";
    public List<SnapshotFigure> Figures { get; set; } = [];
}

/// <summary>One figure of a snapshot: an indicator in total (Dimension "") or one province/country/sex cell.</summary>
public sealed class SnapshotFigure
{
    public long Id { get; set; }
    public int ReviewSnapshotId { get; set; }
    public int IndicatorId { get; set; }
    /// <summary>"" (total), "Province", "Country" or "Sex".</summary>
    public string Dimension { get; set; } = "";
    public string DimensionCode { get; set; } = "";
    public double? QuarterValue { get; set; }
    public double? YearToDateValue { get; set; }
    public double? Target { get; set; }
    public double? AchievementPercent { get; set; }
    public string Status { get; set; } = "";
}

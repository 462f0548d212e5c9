namespace MonevDashboard.Data.Model;

public enum PeriodState
{
    Open = 1,
    Locked = 2,
}

/// <summary>A quarter of the programme. Locked after its review; only Admin unlocks, with a reason.</summary>
public sealed class ReportingPeriod
{
    public int Year { get; set; }
    public int Quarter { get; set; }
    public PeriodState State { get; set; } = PeriodState.Open;
    public DateTime? LockedAt { get; set; }
    public string? LockedBy { get; set; }
    public string? UnlockReason { get; set; }
}

/// <summary>The reporting workflow of one ministry for one quarter (Draft → Submitted → Verified / Returned).</summary>
public sealed class Submission
{
    public int Id { get; set; }
    public int Year { get; set; }
    public int Quarter { get; set; }
    public Ministry Ministry { get; set; }
    public SubmissionStatus Status { get; set; } = SubmissionStatus.Draft;
    /// <summary>First submission: what the on-time indicator (P4-REPORT-ONTIME) is measured on.</summary>
    public DateTime? FirstSubmittedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTime? VerifiedAt { get; set; }
    public string? VerifiedBy { get; set; }
    public DateTime? ReturnedAt { get; set; }
    public string? ReturnedBy { get; set; }
    public string? ReturnReason { get; set; }
    public int Version { get; set; }
}

namespace MonevDashboard.Domain;

/// <summary>
/// Where one ministry's report of one quarter stands, as every page shows it (the dashboard's progress strip, the
/// entry page, the review): its workflow status, its deadline and, when it is late, by how many days.
/// </summary>
/// <param name="Status">The stored report's status; a report nobody has touched yet is a Draft.</param>
/// <param name="Deadline">The quarter's deadline (<see cref="YearQuarter.ReportDeadline"/>).</param>
/// <param name="DaysOverdue">Whole WIB days past the deadline while the report is not in (Draft or Returned); null otherwise.</param>
public sealed record ReportState(SubmissionStatus Status, DateOnly Deadline, int? DaysOverdue)
{
    public bool IsOverdue => DaysOverdue is not null;

    /// <summary>
    /// The one rule of a report's state. Overdue: the quarter is one the programme reports (from
    /// <see cref="ReportingCalendar.ProgrammeStart"/>: nothing was due before the PKS), today (WIB) is past its
    /// deadline, and the report is not submitted or verified — a returned report is back with the ministry, so it is
    /// late again until it is sent back in. Submitted late and now in, it is no longer overdue (its lateness stays in
    /// the on-time indicator, <c>P4-REPORT-ONTIME</c>).
    /// </summary>
    public static ReportState Of(YearQuarter quarter, SubmissionStatus? stored, DateOnly today)
    {
        var status = stored ?? SubmissionStatus.Draft;
        var deadline = quarter.ReportDeadline;
        var late = quarter >= ReportingCalendar.ProgrammeStart && status is SubmissionStatus.Draft or SubmissionStatus.Returned
            && ReportingCalendar.IsPastDeadline(quarter, today);
        return new ReportState(status, deadline, late ? today.DayNumber - deadline.DayNumber : null);
    }
}

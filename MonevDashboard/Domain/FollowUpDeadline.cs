namespace MonevDashboard.Domain;

/// <summary>
/// Whether a review follow-up kept its due date — the one place that decides it. A follow-up is late when it is
/// still not done after its due date (overdue) and also when it was done, but after the due date: finishing late
/// does not make it on time. Dates are WIB calendar days (<see cref="ReportingCalendar.TodayInWib"/>).
/// </summary>
public static class FollowUpDeadline
{
    /// <summary>Not done and past its due date: what the meeting still has to chase.</summary>
    public static bool IsOverdue(DateOnly dueDate, ActionItemStatus status, DateOnly today) =>
        status != ActionItemStatus.Done && today > dueDate;

    /// <summary>Done by its due date.</summary>
    public static bool IsDoneOnTime(DateOnly dueDate, ActionItemStatus status, DateOnly? completedOn) =>
        status == ActionItemStatus.Done && completedOn is { } done && done <= dueDate;

    /// <summary>
    /// Days past the due date: for an open follow-up until today, for a done one until the day it was done;
    /// null when it is (so far) on time.
    /// </summary>
    public static int? DaysLate(DateOnly dueDate, ActionItemStatus status, DateOnly? completedOn, DateOnly today)
    {
        var end = status == ActionItemStatus.Done ? completedOn : today;
        return end is { } day && day > dueDate ? day.DayNumber - dueDate.DayNumber : null;
    }
}

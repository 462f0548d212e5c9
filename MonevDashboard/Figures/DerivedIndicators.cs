using MonevDashboard.Data.Model;
using MonevDashboard.Features.Periods;

namespace MonevDashboard.Figures;

/// <summary>
/// The indicators the system computes rather than anyone reports (time aggregation <c>Derived</c>): each quarter
/// yields a numerator and a denominator, so they aggregate over time exactly like ratio indicators.
/// </summary>
public static class DerivedIndicators
{
    public const string FollowUpOnTime = "P4-FOLLOWUP-ONTIME";
    public const string ReportOnTime = "P4-REPORT-ONTIME";

    public static readonly Ministry[] ReportingMinistries = [Ministry.Kemendag, Ministry.Kp2mi];

    /// <summary>
    /// Reports of a quarter on time: every ministry whose report was submitted, or whose deadline has passed
    /// without one, counts in the denominator; those first submitted by the deadline count in the numerator.
    /// </summary>
    public static (double Numerator, double Denominator)? ReportsOnTime(
        YearQuarter quarter, IEnumerable<(Ministry Ministry, DateTime? FirstSubmittedAt)> submissions, DateOnly today)
    {
        var deadline = quarter.ReportDeadline;
        var byMinistry = submissions.ToDictionary(s => s.Ministry, s => s.FirstSubmittedAt);
        double numerator = 0, denominator = 0;
        foreach (var ministry in ReportingMinistries)
        {
            var submittedAt = byMinistry.GetValueOrDefault(ministry);
            if (submittedAt is { } at)
            {
                denominator++;
                if (ReportingCalendar.IsOnTime(quarter, at))
                {
                    numerator++;
                }
            }
            else if (ReportingCalendar.IsPastDeadline(quarter, today))
            {
                denominator++;
            }
        }
        return denominator == 0 ? null : (numerator, denominator);
    }

    /// <summary>
    /// Follow-ups due in a quarter (up to today) and how many were done by their due date. Items not yet due
    /// do not count: they cannot be late.
    /// </summary>
    public static (double Numerator, double Denominator)? FollowUpsOnTime(
        YearQuarter quarter, IEnumerable<(DateOnly DueDate, ActionItemStatus Status, DateOnly? CompletedOn)> items, DateOnly today)
    {
        double numerator = 0, denominator = 0;
        foreach (var item in items)
        {
            if (item.DueDate < quarter.FirstDay || item.DueDate > quarter.LastDay || item.DueDate > today)
            {
                continue;
            }
            denominator++;
            if (FollowUpDeadline.IsDoneOnTime(item.DueDate, item.Status, item.CompletedOn))
            {
                numerator++;
            }
        }
        return denominator == 0 ? null : (numerator, denominator);
    }
}

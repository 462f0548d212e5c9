using MonevDashboard.Data.Model;

namespace MonevDashboard.Features.Targets;

/// <summary>
/// For flow indicators (<see cref="TimeAggregation.Sum"/>) the quarter targets are parts of the annual one. When they
/// do not add up it is usually a slip, but not always (a year may be planned with a reserve), so it is a hint, not
/// a refusal. Other aggregations' quarter targets are levels, not parts, and are never compared.
/// </summary>
public static class TargetSumCheck
{
    /// <summary>The sum of the quarter targets when it disagrees with the annual target; null when there is nothing to say.</summary>
    /// <param name="quarters">The four quarter targets (null = none).</param>
    public static double? MismatchedQuarterSum(TimeAggregation aggregation, double? annual, IReadOnlyList<double?> quarters)
    {
        ArgumentNullException.ThrowIfNull(quarters);
        if (aggregation != TimeAggregation.Sum || annual is not { } year || quarters.All(q => q is null))
        {
            return null;
        }
        var sum = quarters.Sum(q => q ?? 0);
        var complete = quarters.All(q => q is not null);
        // Rounded to cents so 0.1 + 0.2 style noise never raises the hint; partial quarters only warn when they already exceed the year.
        var differs = Math.Round(sum - year, 2) != 0;
        return complete && differs || !complete && Math.Round(sum - year, 2) > 0 ? sum : null;
    }
}

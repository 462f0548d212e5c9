
namespace MonevDashboard.Domain.Contracts;

/// <summary>
/// "Is this quarter locked, and lock it": what the review asks of the periods feature when a meeting closes a
/// quarter. Implemented and registered by Features/Periods (PeriodService), which keeps the permission and audit.
/// </summary>
public interface IQuarterLocking
{
    Task<bool> IsLockedAsync(YearQuarter period, CancellationToken cancellationToken = default);

    Task LockAsync(YearQuarter period, CancellationToken cancellationToken = default);
}

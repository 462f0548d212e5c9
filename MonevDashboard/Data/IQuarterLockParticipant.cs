using MonevDashboard.Features.Periods;

namespace MonevDashboard.Data;

/// <summary>Takes part in locking a quarter, inside the lock's transaction (e.g. freezing what the review saw).</summary>
public interface IQuarterLockParticipant
{
    Task OnLockingAsync(MonevDbContext db, YearQuarter period, string lockedBy, DateTime lockedAt, CancellationToken cancellationToken);
}
